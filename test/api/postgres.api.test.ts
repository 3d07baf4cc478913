import { openEventStore, type EventStore } from '@ledger/event-store';
import { openReadModel, Projector, readModelUrlFor, type ReadModel } from '@ledger/projections';
import { clueReceivedTopic } from '../../apps/api/src/notifications/topics';
import { type ApiHarness, startApi } from '../support/api-harness';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../support/postgres';
import { buildSmallWorld, CASE_DETAIL, CN, FR, MARKINGS, SHARE_CASE, type SmallWorld } from './small-world';

/**
 * The PostgreSQL deployment: the API does not project itself (LEDGER_EMBEDDED_PROJECTOR is false
 * by default there) and follows the checkpoint of a projector running elsewhere — here in the
 * test process, as apps/projector would. Mutations still answer with what they changed, and live
 * notifications still flow.
 */
describeWithPostgres('the API on PostgreSQL with a separate projector', () => {
  let database: TestDatabase;
  let api: ApiHarness;
  let projectorStore: EventStore;
  let projectorViews: ReadModel;
  let projector: Projector;
  let world: SmallWorld;

  beforeAll(async () => {
    database = await createTestDatabase('ledger_api');
    api = await startApi({ env: { LEDGER_EVENT_STORE: database.url } });
    expect(api.runtime.projector).toBeNull();
    projectorStore = await openEventStore(database.url);
    projectorViews = await openReadModel(readModelUrlFor(database.url));
    projector = new Projector({ store: projectorStore, readModel: projectorViews });
    await projector.start();
    world = await buildSmallWorld(api);
  });
  afterAll(async () => {
    await api?.stop();
    await projector?.stop();
    await projectorViews?.close();
    await projectorStore?.close();
    await database?.drop();
  });

  it('reads its own writes through the views the other process keeps', async () => {
    const shared = await api.ok(world.tokens[`${FR}-inv`], SHARE_CASE, { input: { caseId: world.caseId, recipientAgencyIds: [CN], agreementId: world.agreements.frCn, categories: ['SUSPECT_IDENTITY'] } });
    expect(shared.shareCase.shares).toEqual([{ recipient: { id: CN }, categories: ['SUSPECT_IDENTITY'], revoked: false }]);
    const { case: seen } = await api.ok(world.tokens[`${CN}-inv`], `query($id: ID!) { case(id: $id) { ${CASE_DETAIL} } }`, { id: world.caseId });
    expect(seen.persons[0].fullName).toEqual({ category: 'SUSPECT_IDENTITY', value: 'Zhang Wei', redacted: false });
    expect(seen.persons[1].fullName.redacted).toBe(true);
  });

  it('delivers clueReceived', async () => {
    const live = await api.subscribe(world.tokens[`${CN}-lo`], 'subscription { clueReceived { id subject } }');
    await api.subscribersReady(clueReceivedTopic(CN));
    const sent = await api.ok(world.tokens[`${FR}-inv`], 'mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }', {
      input: { recipients: [{ agencyId: CN, agreementId: world.agreements.frCn }], kind: 'LEAD', subject: 'Over PostgreSQL', body: 'b', markings: MARKINGS },
    });
    expect((await live.next()).data).toEqual({ clueReceived: { id: sent.submitClue.id, subject: 'Over PostgreSQL' } });
    await live.close();
  });
});
