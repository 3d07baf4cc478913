/** One reason an input was refused: the field's path (e.g. `markings.tlp`) and the rule it broke. */
export interface InputIssue {
  path: string;
  rule: string;
  message: string;
}

/** The command input is malformed; nothing reached the domain and nothing was written. */
export class InputValidationError extends Error {
  readonly code = 'BAD_INPUT';
  constructor(
    readonly inputName: string,
    readonly issues: InputIssue[],
  ) {
    super(`invalid ${inputName}: ${issues.map((issue) => `${issue.path}: ${issue.message} [${issue.rule}]`).join('; ')}`);
    this.name = 'InputValidationError';
  }
}

/** A command kept losing optimistic-concurrency races on a stream; nothing of it was written. */
export class ConcurrencyConflictError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly stream: string,
    readonly attempts: number,
  ) {
    super(`stream ${stream} kept changing while the command was decided (${attempts} attempts); retry the command with the same commandId`);
    this.name = 'ConcurrencyConflictError';
  }
}
