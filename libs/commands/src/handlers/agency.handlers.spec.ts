import { randomUUID } from 'node:crypto';
import { InputValidationError } from '../errors';
import { BootstrapLedgerCommand, ChangeOfficerRolesCommand, RegisterAgencyCommand, ReinstateOfficerCommand, SuspendOfficerCommand } from '../messages/agency.messages';
import { OpenCaseCommand } from '../messages/case.messages';
import { LedgerTestWorld } from '../testing/ledger-test-world';
import { CN, FR, NOW, officers, seedWorld } from '../testing/seed-world';

const bootstrapInput = {
  agencyId: FR,
  name: 'OCRTEH',
  country: 'FR',
  kind: 'POLICE' as const,
  mandates: ['VICTIM_IDENTITY' as const],
  admin: { officerId: 'fr-admin', name: 'Admin FR', roles: ['AGENCY_ADMIN' as const] },
};
const openCase = { kind: 'TRAFFICKING' as const, title: 'Nail parlours', summary: '', markings: { tlp: 'AMBER' as const, handling: ['H0' as const] } };

describe('bootstrap on an empty ledger', () => {
  let world: LedgerTestWorld;
  beforeEach(async () => {
    world = await LedgerTestWorld.open({ clock: () => NOW });
  });
  afterEach(() => world.close());

  it('records the first agency and its admin, by the system', async () => {
    const result = await world.send(BootstrapLedgerCommand, bootstrapInput, null);
    expect(result).toMatchObject({ id: FR, stream: `agency-${FR}`, revision: 1, idempotentReplay: false });
    const events = await world.store.readStream(`agency-${FR}`);
    expect(events.map((event) => [event.type, event.actor])).toEqual([
      ['AgencyRegistered', { officerId: 'system', agencyId: 'system' }],
      ['OfficerRegistered', { officerId: 'system', agencyId: 'system' }],
    ]);
    expect(result.globalPosition).toBe(events[1].globalPosition);
  });

  it('returns the original result for a retried bootstrap, writing nothing', async () => {
    const commandId = randomUUID();
    const first = await world.send(BootstrapLedgerCommand, bootstrapInput, null, commandId);
    const again = await world.send(BootstrapLedgerCommand, bootstrapInput, null, commandId);
    expect(again).toEqual({ ...first, idempotentReplay: true });
    expect(await world.store.headPosition()).toBe(first.globalPosition);
  });

  it('refuses a second bootstrap once the ledger holds events', async () => {
    await world.send(BootstrapLedgerCommand, bootstrapInput, null);
    await expect(world.send(BootstrapLedgerCommand, { ...bootstrapInput, agencyId: CN }, null)).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'ledger.bootstrap.only-on-empty-ledger',
    });
    expect(await world.store.readStream(`agency-${CN}`)).toEqual([]);
  });

  it('refuses invalid input before anything is written, naming each field', async () => {
    const error = await world.send(BootstrapLedgerCommand, { ...bootstrapInput, agencyId: 'FR OCRTEH', country: 'XX', admin: { ...bootstrapInput.admin, roles: ['CHIEF'] as never } }, null).catch((e) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).issues.map((issue) => issue.path).sort()).toEqual(['admin.roles', 'agencyId', 'country']);
    expect(await world.store.headPosition()).toBe(0);
  });

  it('refuses a command id that is not a UUID', async () => {
    const error = await world.send(BootstrapLedgerCommand, bootstrapInput, null, 'retry-1').catch((e) => e);
    expect(error).toMatchObject({ code: 'BAD_INPUT', issues: [expect.objectContaining({ path: 'commandId', rule: 'isUuid' })] });
  });
});

describe('acting officers are resolved from the ledger', () => {
  let world: LedgerTestWorld;
  beforeAll(async () => {
    world = await LedgerTestWorld.open({ clock: () => NOW });
    await seedWorld(world);
  });
  afterAll(() => world.close());

  it('refuses an officer the claimed agency does not know', async () => {
    await expect(world.send(OpenCaseCommand, openCase, { officerId: 'cn-inv', agencyId: FR })).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'actor.registered-officer' });
    await expect(world.send(OpenCaseCommand, openCase, { officerId: 'nobody', agencyId: 'xx-none' })).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'actor.registered-officer' });
  });

  it('takes roles from the ledger: a liaison officer cannot open a case', async () => {
    await expect(world.send(OpenCaseCommand, openCase, officers.frLiaison)).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'case.open.by-investigator' });
  });

  it('a suspended officer can do nothing until reinstated; role changes apply at once', async () => {
    await world.send(SuspendOfficerCommand, { agencyId: FR, officerId: 'fr-inv', reason: 'internal inquiry' }, officers.frAdmin);
    await expect(world.send(OpenCaseCommand, openCase, officers.frInvestigator)).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'actor.not-suspended' });
    await world.send(ReinstateOfficerCommand, { agencyId: FR, officerId: 'fr-inv' }, officers.frAdmin);
    await expect(world.send(OpenCaseCommand, openCase, officers.frInvestigator)).resolves.toMatchObject({ revision: 0 });

    await world.send(ChangeOfficerRolesCommand, { agencyId: FR, officerId: 'fr-lo', roles: ['LIAISON_OFFICER', 'INVESTIGATOR'] }, officers.frAdmin);
    await expect(world.send(OpenCaseCommand, openCase, officers.frLiaison)).resolves.toMatchObject({ revision: 0 });
  });

  it('lets an admin of a registered agency onboard another agency, and only an admin', async () => {
    const input = { agencyId: 'bg-nccthb', name: 'NCCTHB', country: 'BG', kind: 'JUDICIAL' as const, mandates: [], admin: { officerId: 'bg-admin', name: 'Admin BG', roles: ['AGENCY_ADMIN' as const] } };
    await expect(world.send(RegisterAgencyCommand, input, officers.cnInvestigator)).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'agency.register.by-agency-admin' });
    const result = await world.send(RegisterAgencyCommand, input, officers.cnAdmin);
    expect(result).toMatchObject({ id: 'bg-nccthb', stream: 'agency-bg-nccthb', revision: 1 });
    const [registered] = await world.store.readStream('agency-bg-nccthb');
    expect(registered.actor).toEqual(officers.cnAdmin);
  });
});
