/**
 * A real API (in this process, real HTTP, fresh ledger) with a small world to aim hostile input
 * at: two agencies with an agreement, their officers, a case of the first shared with the second,
 * and a clue from the first to the second. Every batch of hostile input runs through `batch()`,
 * which checks afterwards that the server still answers and that the ledger holds no event the
 * batch should not have caused.
 */
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@ledger/event-store';
import { TokenService } from '@ledger/platform';
import { DEMO_AGENCIES } from '../../../apps/api/src/seed/demo-world';
import { CommandLedger } from '../../../apps/soak/src/checks/command-ledger';
import { GraphqlClient } from '../../../apps/soak/src/client/graphql-client';
import { OperationStats } from '../../../apps/soak/src/report/operation-stats';
import { type ActingOfficer, SoakClient } from '../../../apps/soak/src/workload/soak-client';
import { type SoakAgency, seedSoakWorld } from '../../../apps/soak/src/world/soak-world';
import { type ApiHarness, startApi, type StartApiOptions } from '../../support/api-harness';

export const MARKINGS = { tlp: 'AMBER', handling: ['H0', 'H2'] };

export interface HostileLedger {
  api: ApiHarness;
  graphql: GraphqlClient;
  owner: SoakAgency;
  partner: SoakAgency;
  agreementId: string;
  /** A case of `owner`, shared with `partner`. */
  caseId: string;
  /** A clue from `owner` to `partner`, acknowledged. */
  clueId: string;
  /** Mints a token for any officer and agency claim (registered or not). */
  tokens: TokenService;
  /** A token of the oversight board's admin, who registers agencies. */
  registrarToken: string;
  commands: CommandLedger;
  client: SoakClient;
}

/** Starts the API and builds the world through its own mutations, with real tokens. */
export async function startHostileLedger(options: StartApiOptions = {}): Promise<HostileLedger> {
  const api = await startApi(options);
  try {
    const oversight = DEMO_AGENCIES[0];
    const admin = oversight.officers[0];
    await api.bootstrap({ agencyId: oversight.agencyId, name: oversight.name, country: oversight.country, kind: oversight.kind, mandates: oversight.mandates, admin: { officerId: admin.officerId, name: admin.name, roles: admin.roles } });
    const graphql = new GraphqlClient(api.url, { timeoutMs: 60_000 });
    const commands = new CommandLedger();
    const client = new SoakClient(graphql, new OperationStats(), commands);
    const tokens = api.app.get(TokenService);
    const world = await seedSoakWorld(client, tokens, { agencies: 2, investigatorsPerAgency: 1, tokenTtlSeconds: 3600 });
    const [owner, partner] = world.agencies;
    const agreementId = world.agreementBetween(owner.agencyId, partner.agencyId);

    const caseId = randomUUID();
    const clueId = randomUUID();
    const investigator = owner.investigators[0];
    await succeed(client.mutate(investigator, 'openCase', { caseId, kind: 'TRAFFICKING', title: 'Recruitment through a nail bar', markings: MARKINGS }, () => []));
    await succeed(client.mutate(investigator, 'shareCase', { caseId, recipientAgencyIds: [partner.agencyId], agreementId, categories: ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE'] }, () => []));
    await succeed(
      client.mutate(
        investigator,
        'submitClue',
        { clueId, recipients: [{ agencyId: partner.agencyId, agreementId }], kind: 'LEAD', subject: 'Recruiter seen in Milano', body: 'Details follow.', markings: MARKINGS, senderCaseId: caseId },
        () => [],
      ),
    );
    await succeed(client.mutate(partner.liaison, 'acknowledgeClue', { clueId }, () => []));
    const registrarToken = await tokens.mint({ officerId: admin.officerId, agencyId: oversight.agencyId });
    return { api, graphql, owner, partner, agreementId, caseId, clueId, tokens, registrarToken, commands, client };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

async function succeed(pending: Promise<{ status: number; errors?: unknown[] }>): Promise<void> {
  const answer = await pending;
  if (answer.status !== 200 || answer.errors !== undefined) throw new Error(`setting up the hostile world failed: ${JSON.stringify(answer)}`);
}

/** The store's head once the access log is written and the views include everything. */
export async function settledHead(api: ApiHarness): Promise<number> {
  await api.flushAccessLog();
  await api.viewsCaughtUp();
  return api.store.headPosition();
}

/** Events appended after `position`, once the access log is written. */
export async function eventsAfter(api: ApiHarness, position: number): Promise<RecordedEvent[]> {
  await api.flushAccessLog();
  return api.store.readAll({ fromPosition: position + 1 });
}

/** The server still works: it is live, and a valid operation with a valid token is served. */
export async function expectServing(ledger: HostileLedger, officer: ActingOfficer): Promise<void> {
  const live = await fetch(`${ledger.api.url}/health/live`);
  expect(live.status).toBe(200);
  const me = await ledger.graphql.request(officer.token, '{ me { id } }');
  expect({ status: me.status, data: me.data, errors: me.errors }).toEqual({ status: 200, data: { me: { id: officer.officerId } }, errors: undefined });
}

/** Inputs tried, per batch, printed when the file's tests end. */
export class InputTally {
  private readonly counts = new Map<string, number>();
  private readonly started = performance.now();

  constructor(private readonly file: string) {}

  add(batch: string, inputs: number): void {
    this.counts.set(batch, (this.counts.get(batch) ?? 0) + inputs);
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }

  print(): void {
    const lines = [...this.counts].map(([batch, count]) => `  ${String(count).padStart(6)}  ${batch}`);
    process.stderr.write(`\nhostile input, ${this.file}: ${this.total} inputs tried in ${((performance.now() - this.started) / 1000).toFixed(1)} s\n${lines.join('\n')}\n`);
  }
}

/**
 * Runs one batch of hostile input: `run` sends it and resolves with the number of inputs tried.
 * Afterwards the server must still serve, and the ledger must hold no new event — except, when
 * `reads` is set, the access records of reads the batch was allowed to make.
 */
export async function batch(ledger: HostileLedger, tally: InputTally, name: string, run: () => Promise<number>, options: { reads?: boolean } = {}): Promise<void> {
  const before = await settledHead(ledger.api);
  const inputs = await run();
  tally.add(name, inputs);
  await expectServing(ledger, ledger.partner.liaison);
  const written = await eventsAfter(ledger.api, before);
  const unexpected = written.filter((event) => !(options.reads && event.type === 'EntitiesAccessed'));
  expect(unexpected.map((event) => `${event.stream} ${event.type} (command ${event.commandId})`)).toEqual([]);
}
