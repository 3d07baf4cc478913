/** One invalid setting: which environment variable, which rule it broke, and what it was set to. */
export interface ConfigProblem {
  variable: string;
  rule: string;
  /** The offending value as read from the environment (absent when the variable was required but unset). */
  value?: string;
}

/** Raised at start-up when the environment holds invalid settings; lists every problem at once. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${describeProblem(p)}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describeProblem(problem: ConfigProblem): string {
  const got = problem.value === undefined ? '' : ` (got ${JSON.stringify(problem.value)})`;
  return `${problem.variable} ${problem.rule}${got}`;
}
