/** Injection token of the `EventStore` port the command handlers load from and append to. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Injection token of the clock decisions use (`() => Date`); the system clock unless overridden. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Injection token of `CommandExecutionOptions`. */
export const COMMAND_EXECUTION_OPTIONS = Symbol('COMMAND_EXECUTION_OPTIONS');
