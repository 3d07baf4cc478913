import { randomUUID } from 'node:crypto';
import type { CommandLedger, ExpectedWrite } from '../checks/command-ledger';
import { DOCUMENTS, type DocumentName } from '../client/documents';
import { type GraphqlAnswer, type GraphqlClient, isServerFailure, outcomeOf, problemOf } from '../client/graphql-client';
import type { OperationStats } from '../report/operation-stats';

/** An officer acting through the API with a real bearer token. */
export interface ActingOfficer {
  officerId: string;
  agencyId: string;
  token: string;
}

/** Operation name under which repeated commands (same command id, answered before) are counted. */
export const REPEATED_COMMAND = 'repeatCommand (same commandId)';

export interface SoakClientOptions {
  /** Share of acknowledged commands sent a second time with the same command id (a client retry); default 0. */
  repeatRate?: number;
  random?: () => number;
}

/**
 * The workload's way into the API: every call is timed and counted by operation; every mutation
 * gets a fresh command id and is entered in the command ledger with what it must have written,
 * as acknowledged, rejected or in doubt. Some acknowledged commands are sent again with the same
 * command id, as a client does after a lost answer: the ledger must still hold them once.
 */
export class SoakClient {
  private readonly repeatRate: number;
  private readonly random: () => number;

  constructor(
    readonly graphql: GraphqlClient,
    readonly stats: OperationStats,
    readonly commands: CommandLedger,
    options: SoakClientOptions = {},
  ) {
    this.repeatRate = options.repeatRate ?? 0;
    this.random = options.random ?? Math.random;
  }

  async query<T = Record<string, any>>(officer: ActingOfficer, name: DocumentName, variables?: Record<string, unknown>): Promise<GraphqlAnswer<T>> {
    const answer = await this.graphql.request<T>(officer.token, DOCUMENTS[name], variables);
    this.stats.record(name, answer.ms, outcomeOf(answer), isServerFailure(answer), problemOf(answer));
    return answer;
  }

  /**
   * Sends mutation `name` with `input` plus a new command id; `writes(commandId)` says which
   * events it must have written. Resolves with the answer (never throws for an error answer).
   */
  async mutate<T = Record<string, any>>(officer: ActingOfficer, name: DocumentName, input: Record<string, unknown>, writes: (commandId: string) => ExpectedWrite[]): Promise<GraphqlAnswer<T>> {
    const commandId = randomUUID();
    const command = { commandId, operation: name, writes: writes(commandId) };
    const variables = { input: { ...input, commandId } };
    const answer = await this.graphql.request<T>(officer.token, DOCUMENTS[name], variables);
    const outcome = outcomeOf(answer);
    this.stats.record(name, answer.ms, outcome, isServerFailure(answer), problemOf(answer));
    this.commands.record(command, outcome === 'ok' ? 'acknowledged' : outcome === 'TRANSPORT' || isServerFailure(answer) ? 'in-doubt' : 'rejected');
    if (outcome === 'ok' && this.random() < this.repeatRate) {
      const again = await this.graphql.request<T>(officer.token, DOCUMENTS[name], variables);
      this.stats.record(REPEATED_COMMAND, again.ms, outcomeOf(again), isServerFailure(again), problemOf(again));
    }
    return answer;
  }
}
