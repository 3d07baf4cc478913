/** Nest injection tokens for platform values that are interfaces rather than classes. */
export const LEDGER_CONFIG = Symbol.for('ledger.platform.config');
export const LEDGER_LOGGER = Symbol.for('ledger.platform.logger');
