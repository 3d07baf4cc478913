import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { EntitiesAccessed } from '@ledger/domain/access/access.events';
import { openEventStore } from '@ledger/event-store';
import { type ApiHarness, startApi } from '../support/api-harness';
import { buildSmallWorld, CN, FR, SHARE_CASE, type SmallWorld } from './small-world';

type Accessed = EntitiesAccessed['data'];

/** Reading is recorded: every case and clue an answer shows becomes an access event in the ledger. */
describe('access log', () => {
  let api: ApiHarness;
  let world: SmallWorld;

  const accessEvents = async (agencyId: string): Promise<Array<{ actor: { officerId: string }; data: Accessed; occurredAt: string }>> =>
    (await api.store.readStream(`access-${agencyId}`)) as never;

  beforeAll(async () => {
    // No periodic flush during the test: records reach the ledger when the test flushes them.
    api = await startApi({ settings: { accessLogFlushMs: 60_000 } });
    world = await buildSmallWorld(api);
    await api.ok(world.tokens[`${FR}-inv`], SHARE_CASE, { input: { caseId: world.caseId, recipientAgencyIds: [CN], agreementId: world.agreements.frCn, categories: ['TRAVEL_ROUTE'] } });
    await api.flushAccessLog();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('records who was shown which case, when and through which operation', async () => {
    const before = (await accessEvents(CN)).length;
    await api.ok(world.tokens[`${CN}-lo`], 'query InboxAndCases { cases { edges { node { id title } } } }');
    await api.flushAccessLog();
    const events = (await accessEvents(CN)).slice(before);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.actor.officerId).toBe(`${CN}-lo`);
    expect(event.data).toEqual({
      agencyId: CN,
      officerId: `${CN}-lo`,
      operationType: 'query',
      operationName: 'InboxAndCases',
      rootFields: ['cases'],
      accessedAt: event.occurredAt,
      entities: [{ type: 'CASE', id: world.caseId }],
    });
  });

  it('records clues and nested cases once per answer, and nothing for an answer without cases or clues', async () => {
    const submitted = await api.ok(world.tokens[`${FR}-inv`], 'mutation Send($input: SubmitClueInput!) { submitClue(input: $input) { id senderCase { id } } }', {
      input: { recipients: [{ agencyId: CN, agreementId: world.agreements.frCn }], kind: 'LEAD', subject: 'Lead', body: 'Body', markings: { tlp: 'AMBER', handling: [] }, senderCaseId: world.caseId },
    });
    await api.flushAccessLog();
    const french = (await accessEvents(FR)).at(-1) as { data: Accessed };
    expect(french.data).toMatchObject({ operationType: 'mutation', operationName: 'Send', rootFields: ['submitClue'] });
    expect(french.data.entities).toEqual([
      { type: 'CLUE', id: submitted.submitClue.id },
      { type: 'CASE', id: world.caseId },
    ]);

    const before = (await accessEvents(CN)).length;
    await api.ok(world.tokens[`${CN}-lo`], '{ a: cases { edges { node { id } } } b: cases { edges { node { id } } } me { id } }');
    await api.ok(world.tokens[`${CN}-lo`], '{ me { id } agencies { id } }');
    await api.flushAccessLog();
    const events = (await accessEvents(CN)).slice(before);
    expect(events.map((event) => event.data.entities)).toEqual([[{ type: 'CASE', id: world.caseId }]]);
  });

  it('leaves the views alone: access events are not projected into any agency view', async () => {
    await api.viewsCaughtUp();
    const cases = await api.ok(world.tokens[`${CN}-lo`], '{ cases { edges { node { id } } } }');
    expect(cases.cases.edges).toEqual([{ node: { id: world.caseId } }]);
  });

  it('flushes what is buffered when the server shuts down gracefully', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-access-shutdown-'));
    try {
      const server = await startApi({ dataDir, settings: { accessLogFlushMs: 60_000 } });
      const small = await buildSmallWorld(server);
      await server.ok(small.tokens[`${FR}-lo`], 'query LastLook { case(id: "' + small.caseId + '") { id } }');
      await server.stop();

      const store = await openEventStore(`sqlite:${path.join(dataDir, 'ledger.db')}`);
      try {
        const events = (await store.readStream(`access-${FR}`)) as unknown as Array<{ data: Accessed }>;
        expect(events.map((event) => event.data.operationName)).toContain('LastLook');
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
