import { randomUUID } from 'node:crypto';
import { differences } from '../oracle/compare';
import { expectedAnswer } from '../oracle/expected-answers';
import type { LedgerModel, Prediction } from '../oracle/ledger-model';
import type { WorldCommand } from '../world/commands';
import { mutationDocument } from './documents';
import type { ViewMismatch } from './check-views';
import { type LedgerApi, utcDate } from './ledger-api';

/** One command as sent: what the oracle predicted and what the server answered. */
export interface CommandOutcome {
  command: WorldCommand;
  prediction: Prediction;
  accepted: boolean;
  code?: string;
  rule?: string;
  message?: string;
}

export interface AppliedWorld {
  outcomes: CommandOutcome[];
  /** Differences between what accepted commands answered and what the actor's agency may see. */
  answerMismatches: ViewMismatch[];
  /** The UTC date every command was decided on; undefined when the run crossed midnight. */
  today: string | undefined;
}

/**
 * Sends each command through its GraphQL mutation with its officer's token, then lets the
 * oracle decide the same command at the moment it was sent. The oracle never sees the server's
 * answer: it predicts acceptance and keeps only what it predicted; the caller compares.
 */
export async function applyCommands(api: LedgerApi, model: LedgerModel, commands: readonly WorldCommand[]): Promise<AppliedWorld> {
  const outcomes: CommandOutcome[] = [];
  const answerMismatches: ViewMismatch[] = [];
  const dates = new Set<string>();
  for (const command of commands) {
    const token = await api.token(command.actor);
    const notBefore = Date.now();
    const response = await api.gql(token, mutationDocument(command.op), { input: { ...command.input, commandId: randomUUID() } });
    const notAfter = Date.now();
    dates.add(utcDate(notBefore)).add(utcDate(notAfter));
    const prediction = model.apply(command, { today: utcDate(notBefore), at: { notBefore, notAfter } });
    const error = response.errors?.[0];
    const answer = response.data?.[command.op];
    const accepted = error === undefined && answer != null;
    outcomes.push({ command, prediction, accepted, ...(error ? { code: error.extensions?.code, rule: error.extensions?.rule, message: error.message } : {}) });
    if (accepted && prediction.accepted) {
      // The answer is a view like any query's: it must show exactly what the actor's agency may see.
      const query = `answer to ${command.op} (command ${outcomes.length})`;
      const officer = `${command.actor.officerId}@${command.actor.agencyId}`;
      for (const difference of differences(expectedAnswer(model, command, utcDate(notBefore)), answer)) answerMismatches.push({ officer, query, ...difference });
    }
  }
  return { outcomes, answerMismatches, today: dates.size === 1 ? [...dates][0] : undefined };
}

/**
 * Whether the server's answer is the one the oracle predicted: accepted, or refused under the same
 * rule (so that, e.g., a case the actor's agency cannot see is refused as not found, never as
 * forbidden). An officer the ledger does not know or has suspended is refused by authentication.
 */
export function asPredicted(outcome: CommandOutcome): boolean {
  const { prediction } = outcome;
  if (prediction.accepted || outcome.accepted) return prediction.accepted === outcome.accepted;
  if (prediction.rule.startsWith('actor.')) return outcome.code === 'UNAUTHENTICATED' || outcome.code === 'FORBIDDEN';
  return outcome.rule === prediction.rule;
}

/** Commands the server decided otherwise than the oracle. */
export function mispredicted(outcomes: readonly CommandOutcome[]): CommandOutcome[] {
  return outcomes.filter((outcome) => !asPredicted(outcome));
}
