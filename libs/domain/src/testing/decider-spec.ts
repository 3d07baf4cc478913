import assert from 'node:assert/strict';
import type { Decider, DecisionContext, DomainCommand } from '../shared/command';
import { DomainError, type DomainErrorCode } from '../shared/errors';

/**
 * Given/When/Then for deciders:
 *   spec.given(events).when(command).then(expectedEvents)
 *   spec.given(events).when(command, { agreement }).thenThrows('RULE_VIOLATION', 'case.share.agreement-in-force')
 * `when` merges its context over the spec's default context.
 */
export interface DeciderSpec<State, Command extends DomainCommand, Event extends { type: string }, Context extends DecisionContext> {
  given(events: Event[]): {
    when(
      command: Command,
      context?: Partial<Context>,
    ): {
      then(expected: Event[]): Event[];
      thenThrows(code: DomainErrorCode, rule: string): DomainError;
      /** The state after the given events, for assertions on evolve. */
      readonly state: State;
    };
  };
}

export function deciderSpec<State, Command extends DomainCommand, Event extends { type: string }, Context extends DecisionContext>(
  decider: Decider<State, Command, Event, Context>,
  defaultContext: Context,
): DeciderSpec<State, Command, Event, Context> {
  return {
    given(events) {
      const state = events.reduce(decider.evolve, decider.initialState());
      return {
        when(command, context) {
          const run = () => decider.decide(command, state, { ...defaultContext, ...context });
          return {
            state,
            then(expected) {
              const actual = run();
              assert.deepStrictEqual(actual, expected);
              // Folding what was decided must be possible: evolve accepts every decided event.
              actual.reduce(decider.evolve, state);
              return actual;
            },
            thenThrows(code, rule) {
              let thrown: unknown;
              try {
                const events = run();
                assert.fail(`expected ${code} (${rule}) but ${command.type} decided ${JSON.stringify(events.map((event) => event.type))}`);
              } catch (error) {
                thrown = error;
              }
              if (!(thrown instanceof DomainError)) throw thrown;
              assert.equal(`${thrown.code} ${thrown.rule}`, `${code} ${rule}`, `unexpected error: ${thrown.message}`);
              assert.ok(thrown.message.startsWith(`${rule}: `), `message must name the rule: ${thrown.message}`);
              return thrown;
            },
          };
        },
      };
    },
  };
}
