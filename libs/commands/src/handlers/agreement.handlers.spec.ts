import { randomUUID } from 'node:crypto';
import { deriveId } from '../execution/derive-id';
import * as messages from '../index';
import { ProposeAgreementCommand, ResumeAgreementCommand, SignAgreementCommand, TerminateAgreementCommand } from '../messages/agreement.messages';
import { LedgerCommand } from '../messages/ledger-command';
import { LedgerTestWorld } from '../testing/ledger-test-world';
import { AGREEMENT_FR_AT, AT, CN, FR, NOW, officers, seedWorld } from '../testing/seed-world';

describe('agreement commands against the SQLite event store', () => {
  let world: LedgerTestWorld;
  beforeAll(async () => {
    world = await LedgerTestWorld.open({ clock: () => NOW });
    await seedWorld(world);
  });
  afterAll(() => world.close());

  const terms = { title: 'Trilateral MoU', parties: [FR, CN, AT], scope: ['TRAFFICKING' as const], categories: ['TRAVEL_ROUTE' as const], maxTlp: 'AMBER' as const, validFrom: '2025-01-01', validUntil: '2026-12-31' };

  it('proposes under a derived id, activates with the last signature', async () => {
    const commandId = randomUUID();
    const proposed = await world.send(ProposeAgreementCommand, terms, officers.cnAdmin, commandId);
    const agreementId = deriveId(commandId, 'agreement');
    expect(proposed).toMatchObject({ id: agreementId, stream: `agreement-${agreementId}`, revision: 0 });
    await world.send(SignAgreementCommand, { agreementId }, officers.frAdmin);
    await world.send(SignAgreementCommand, { agreementId }, officers.cnAdmin);
    await expect(world.send(SignAgreementCommand, { agreementId }, officers.cnAdmin)).rejects.toMatchObject({ rule: 'agreement.sign.once-per-party' });
    const last = await world.send(SignAgreementCommand, { agreementId }, officers.atAdmin);
    expect(last.revision).toBe(4);
    const types = (await world.store.readStream(`agreement-${agreementId}`)).map((event) => event.type);
    expect(types).toEqual(['AgreementProposed', 'AgreementSigned', 'AgreementSigned', 'AgreementSigned', 'AgreementActivated']);
  });

  it('needs registered parties, read from the ledger', async () => {
    await expect(world.send(ProposeAgreementCommand, { ...terms, parties: [FR, 'xx-unknown'] }, officers.frAdmin)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      rule: 'agreement.parties-registered',
    });
  });

  it('refuses a resume of an agreement that is not suspended, naming both states', async () => {
    await expect(world.send(ResumeAgreementCommand, { agreementId: AGREEMENT_FR_AT }, officers.frAdmin)).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      current: 'ACTIVE',
      requested: 'ACTIVE',
    });
    await world.send(TerminateAgreementCommand, { agreementId: AGREEMENT_FR_AT, reason: 'replaced' }, officers.frAdmin);
    await expect(world.send(ResumeAgreementCommand, { agreementId: AGREEMENT_FR_AT }, officers.frAdmin)).rejects.toMatchObject({ current: 'TERMINATED' });
  });
});

describe('CommandsModule', () => {
  let world: LedgerTestWorld;
  beforeAll(async () => {
    world = await LedgerTestWorld.open({ clock: () => NOW });
  });
  afterAll(() => world.close());

  it('has a handler for every command message, each validating its input first', async () => {
    type CommandClass = new (input: unknown, metadata: unknown) => LedgerCommand<unknown>;
    const commandClasses = (Object.values(messages) as unknown[]).filter(
      (value): value is CommandClass => typeof value === 'function' && (value as { prototype: unknown }).prototype instanceof LedgerCommand,
    );
    expect(commandClasses).toHaveLength(31);
    for (const Command of commandClasses) {
      await expect(world.bus.execute(new Command({ unexpected: true }, { commandId: randomUUID(), actor: officers.frAdmin }))).rejects.toMatchObject({
        name: 'InputValidationError',
        code: 'BAD_INPUT',
      });
    }
    expect(await world.store.headPosition()).toBe(0);
  });
});
