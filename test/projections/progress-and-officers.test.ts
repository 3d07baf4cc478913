import { CheckpointFollower, OfficerDirectory, openReadModel } from '@ledger/projections';
import { ALL, admin, CN, FR, investigator, liaison, markings, openScenario, registerAgency, type Scenario } from './support/scenario';

describe('read-your-writes and the officer directory', () => {
  let s: Scenario;
  afterEach(async () => {
    await s.close();
  });

  it('waits for a position, gives up after the timeout, and releases waiters on stop', async () => {
    s = await openScenario();
    await registerAgency(s, FR, ALL, { first: true });
    const head = await s.store.headPosition();
    expect(await s.projector.waitFor(head, 10_000)).toBe(true);
    expect(s.projector.position()).toBe(head);
    expect(await s.projector.waitFor(head + 1000, 30)).toBe(false);
    const pending = s.projector.waitFor(head + 1000, 60_000);
    await s.projector.stop();
    expect(await pending).toBe(false);
    expect(s.projector.status()).toMatchObject({ running: false, position: head, lastError: null });
  });

  it('lets another process follow the committed checkpoint (separate projector deployment)', async () => {
    s = await openScenario();
    await registerAgency(s, FR, ALL, { first: true });
    const other = await openReadModel(s.readModel.location);
    try {
      const follower = new CheckpointFollower(other, 5);
      const position = await s.append({ type: 'RegisterOfficer', actor: admin(FR), data: { agencyId: FR, officerId: 'fr.late', name: 'Late', roles: ['INVESTIGATOR'], auditScope: 'OWN' } });
      expect(await follower.waitFor(position, 10_000)).toBe(true);
      expect(follower.position()).toBeGreaterThanOrEqual(position);
      expect(await new OfficerDirectory(other).findOfficer('fr.late')).toMatchObject({ agencyId: FR, roles: ['INVESTIGATOR'] });
      expect(await follower.waitFor(position + 1000, 30)).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('finds officers with their ledger roles and suspension, and refuses ambiguous ids', async () => {
    s = await openScenario();
    await registerAgency(s, FR, ALL, { first: true });
    await registerAgency(s, CN, ALL, { country: 'CN' });
    await s.run({ type: 'SuspendOfficer', actor: admin(FR), data: { agencyId: FR, officerId: liaison(FR).officerId, reason: 'left the unit' } });
    await s.run({ type: 'ChangeOfficerRoles', actor: admin(FR), data: { agencyId: FR, officerId: investigator(FR).officerId, roles: ['INVESTIGATOR', 'LIAISON_OFFICER'], auditScope: 'OWN' } });
    await s.run({ type: 'RegisterOfficer', actor: admin(CN), data: { agencyId: CN, officerId: 'shared.id', name: 'CN twin', roles: ['INVESTIGATOR'], auditScope: 'OWN' } });
    await s.run({ type: 'RegisterOfficer', actor: admin(FR), data: { agencyId: FR, officerId: 'shared.id', name: 'FR twin', roles: ['INVESTIGATOR'], auditScope: 'OWN' } });
    const directory = new OfficerDirectory(s.readModel);
    expect(await directory.findOfficer(liaison(FR).officerId)).toEqual({ officerId: liaison(FR).officerId, agencyId: FR, name: `Officer ${liaison(FR).officerId}`, roles: ['LIAISON_OFFICER'], auditScope: 'OWN', suspended: true });
    expect((await directory.findOfficer(investigator(FR).officerId))?.roles).toEqual(['INVESTIGATOR', 'LIAISON_OFFICER']);
    expect(await directory.findOfficer('nobody')).toBeNull();
    expect(await directory.findOfficer('shared.id')).toBeNull();
    expect((await directory.findOfficer('shared.id', CN))?.name).toBe('CN twin');
    expect((await directory.listOfficers(FR)).map((o) => o.officerId)).toEqual([admin(FR).officerId, investigator(FR).officerId, liaison(FR).officerId, 'shared.id']);
    expect((await directory.listOfficers()).length).toBe(8);
    // A case opened before the suspension stays; the suspended officer is simply marked.
    await s.run({ type: 'OpenCase', actor: investigator(FR), data: { caseId: 'k', kind: 'SMUGGLING', title: 't', summary: 's', markings: markings() } });
    expect(await s.views.forViewer({ agencyId: FR, officerId: liaison(FR).officerId }).me()).toMatchObject({ suspended: true });
  });
});
