/**
 * The command side of the ledger: validated command inputs, Nest CQRS command handlers that load,
 * decide (with @ledger/domain) and append to the EventStore port, and the module wiring them.
 */
export * from './tokens';
export * from './errors';
export * from './commands.module';
export * from './validation/validate-input';
export * from './validation/id-formats';
export * from './validation/well-formed-text';
export * from './inputs/common.inputs';
export * from './inputs/agency.inputs';
export * from './inputs/agreement.inputs';
export * from './inputs/case.inputs';
export * from './inputs/clue.inputs';
export * from './messages/ledger-command';
export * from './messages/agency.messages';
export * from './messages/agreement.messages';
export * from './messages/case.messages';
export * from './messages/clue.messages';
export { CommandRunner, type CommandExecutionOptions, type StreamCommand } from './execution/command-runner';
export { OfficerDirectory } from './execution/officer-directory';
export { deriveId } from './execution/derive-id';
export { DEFAULT_RETRY_POLICY, retryOnConflict, type RetryPolicy } from './execution/retry-on-conflict';
export { loadStream, StreamStateCache, type LoadedStream, type StreamPosition } from './execution/stream-loader';
export * from './handlers/agency.handlers';
export * from './handlers/agreement.handlers';
export * from './handlers/case.handlers';
export * from './handlers/clue.handlers';
