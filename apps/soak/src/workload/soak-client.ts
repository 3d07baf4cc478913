import { randomUUID } from 'node:crypto';
import type { CommandLedger, ExpectedWrite, SentCommand } from '../checks/command-ledger';
import { DOCUMENTS, type DocumentName } from '../client/documents';
import { type GraphqlAnswer, type GraphqlClient, isServerFailure, outcomeOf, problemOf } from '../client/graphql-client';
import type { OperationStats } from '../report/operation-stats';

/** An officer acting through the API with a real bearer token. */
export interface ActingOfficer {
  officerId: string;
  agencyId: string;
  token: string;
}

/** A command as it was sent, to send it again exactly so. */
interface SentRequest {
  officer: ActingOfficer;
  operation: string;
  document: string;
  variables: Record<string, unknown>;
  command: SentCommand;
}

/** A mutation's answer, with the command id it was sent with. */
export type CommandAnswer<T> = GraphqlAnswer<T> & { commandId: string };

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
  /** Requests of commands still in doubt, to send again exactly as they were sent. */
  private readonly unanswered = new Map<string, SentRequest>();

  constructor(
    private graphql: GraphqlClient,
    readonly stats: OperationStats,
    readonly commands: CommandLedger,
    options: SoakClientOptions = {},
  ) {
    this.repeatRate = options.repeatRate ?? 0;
    this.random = options.random ?? Math.random;
  }

  /** Talks to another server from now on (e.g. the same ledger's API restarted on a new port). */
  reconnect(graphql: GraphqlClient): void {
    this.graphql = graphql;
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
  mutate<T = Record<string, any>>(officer: ActingOfficer, name: DocumentName, input: Record<string, unknown>, writes: (commandId: string) => ExpectedWrite[]): Promise<CommandAnswer<T>> {
    return this.mutateWith<T>(officer, name, DOCUMENTS[name], input, writes);
  }

  /** Like `mutate`, with a document of the caller's own, counted under `operation`. */
  async mutateWith<T = Record<string, any>>(officer: ActingOfficer, operation: string, document: string, input: Record<string, unknown>, writes: (commandId: string) => ExpectedWrite[]): Promise<CommandAnswer<T>> {
    const commandId = randomUUID();
    const command = { commandId, operation, writes: writes(commandId) };
    const variables = { input: { ...input, commandId } };
    const request = { officer, operation, document, variables, command };
    const answer = await this.graphql.request<T>(officer.token, document, variables);
    const outcome = outcomeOf(answer);
    this.stats.record(operation, answer.ms, outcome, isServerFailure(answer), problemOf(answer));
    this.settle(answer, request);
    if (outcome === 'ok' && this.random() < this.repeatRate) {
      const again = await this.graphql.request<T>(officer.token, document, variables);
      this.stats.record(REPEATED_COMMAND, again.ms, outcomeOf(again), isServerFailure(again), problemOf(again));
    }
    return { ...answer, commandId };
  }

  /**
   * Sends every command still in doubt again, with its original command id and input, as a client
   * does after reconnecting. Resolves with the answers' outcomes (e.g. `ok` for each one now settled).
   */
  async resendInDoubt(): Promise<string[]> {
    const outcomes: string[] = [];
    for (const [commandId, request] of [...this.unanswered]) {
      this.unanswered.delete(commandId);
      const answer = await this.graphql.request(request.officer.token, request.document, request.variables);
      this.stats.record(request.operation, answer.ms, outcomeOf(answer), isServerFailure(answer), problemOf(answer));
      this.settle(answer, request);
      outcomes.push(outcomeOf(answer));
    }
    return outcomes;
  }

  /** Enters the command's fate in the ledger; no answer or a server failure leaves it in doubt. */
  private settle(answer: GraphqlAnswer<unknown>, request: SentRequest): void {
    const outcome = outcomeOf(answer);
    const fate = outcome === 'ok' ? 'acknowledged' : outcome === 'TRANSPORT' || isServerFailure(answer) ? 'in-doubt' : 'rejected';
    this.commands.record(request.command, fate);
    if (fate === 'in-doubt') this.unanswered.set(request.command.commandId, request);
    else this.unanswered.delete(request.command.commandId);
  }
}
