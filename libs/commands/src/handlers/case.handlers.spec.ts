import { randomUUID } from 'node:crypto';
import { deriveId } from '../execution/derive-id';
import { ReinstateOfficerCommand, SuspendOfficerCommand } from '../messages/agency.messages';
import { SuspendAgreementCommand } from '../messages/agreement.messages';
import {
  AddNoteCommand,
  CloseCaseCommand,
  DeclareJointInvestigationCommand,
  OpenCaseCommand,
  RecordMoneyFlowCommand,
  RecordPersonCommand,
  RecordRouteCommand,
  RevokeShareCommand,
  ShareCaseCommand,
} from '../messages/case.messages';
import { LedgerTestWorld } from '../testing/ledger-test-world';
import { AGREEMENT_FR_AT, AGREEMENT_FR_CN, AT, CN, FR, NOW, officers, seedWorld } from '../testing/seed-world';

const amber = { tlp: 'AMBER' as const, handling: ['H0' as const] };

describe('case commands against the SQLite event store', () => {
  let world: LedgerTestWorld;
  beforeAll(async () => {
    world = await LedgerTestWorld.open({ clock: () => NOW });
    await seedWorld(world);
  });
  afterAll(() => world.close());

  async function newCase(tlp: 'AMBER' | 'RED' = 'AMBER'): Promise<string> {
    const caseId = randomUUID();
    await world.send(OpenCaseCommand, { caseId, kind: 'TRAFFICKING', title: 'Recruitment ring', summary: 'Wenzhou–Paris', markings: { tlp, handling: ['H0'] } }, officers.frInvestigator);
    return caseId;
  }

  it('opens a case under an id derived from the command id when none is given, and a retry names the same case', async () => {
    const commandId = randomUUID();
    const input = { kind: 'SMUGGLING' as const, title: 'Boat crossings', markings: amber };
    const first = await world.send(OpenCaseCommand, input, officers.frInvestigator, commandId);
    expect(first).toMatchObject({ id: deriveId(commandId, 'case'), stream: `case-${deriveId(commandId, 'case')}`, revision: 0, idempotentReplay: false });
    const retry = await world.send(OpenCaseCommand, input, officers.frInvestigator, commandId);
    expect(retry).toEqual({ ...first, idempotentReplay: true });
    expect(await world.store.readStream(first.stream)).toHaveLength(1);
  });

  it('records facts with the categories the ledger assigns, and envelope metadata', async () => {
    const caseId = await newCase();
    const commandId = randomUUID();
    const result = await world.send(
      RecordPersonCommand,
      { caseId, role: 'SUSPECT', fullName: 'Chen Wei', nationality: 'CN', phoneNumber: '+86 138 0000', markings: amber },
      officers.frInvestigator,
      commandId,
    );
    expect(result).toMatchObject({ id: caseId, factId: deriveId(commandId, 'fact'), revision: 1 });
    const [, recorded] = await world.store.readStream(`case-${caseId}`);
    expect(recorded).toMatchObject({
      type: 'PersonRecorded',
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: officers.frInvestigator,
      data: {
        fullName: { category: 'SUSPECT_IDENTITY', value: 'Chen Wei' },
        nationality: { category: 'SUSPECT_IDENTITY', value: 'CN' },
        phoneNumber: { category: 'COMMUNICATIONS', value: '+86 138 0000' },
      },
    });
  });

  it('refuses a caller-chosen category: unknown fields never reach the domain', async () => {
    const caseId = await newCase();
    const error = await world
      .send(RecordPersonCommand, { caseId, role: 'VICTIM', fullName: { category: 'LOCATION', value: 'x' } as never, markings: amber }, officers.frInvestigator)
      .catch((e) => e);
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual(['fullName', 'fullName']);
    const extra = await world
      .send(RecordPersonCommand, { caseId, role: 'VICTIM', fullName: 'Li Hua', markings: amber, ...{ category: 'LOCATION' } }, officers.frInvestigator)
      .catch((e) => e);
    expect(extra.issues).toEqual([expect.objectContaining({ path: 'category', rule: 'whitelistValidation' })]);
    expect(await world.store.readStream(`case-${caseId}`)).toHaveLength(1);
  });

  it('10 concurrent RecordFact commands on one case all succeed: revisions 0..10, no event lost', async () => {
    const caseId = await newCase();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        world.send(
          RecordRouteCommand,
          { caseId, origin: { country: 'CN', city: 'Wenzhou' }, transit: [{ country: 'RS' }], destination: { country: 'FR', city: `Stop ${index}` }, method: 'MIXED', markings: amber },
          officers.frInvestigator,
        ),
      ),
    );
    expect(results.map((result) => result.revision).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const events = await world.store.readStream(`case-${caseId}`);
    expect(events.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const destinations = events.slice(1).map((event) => (event.data as { destination: { value: string } }).destination.value);
    expect(new Set(destinations)).toEqual(new Set(Array.from({ length: 10 }, (_, index) => `FR:Stop ${index}`)));
    expect(new Set(results.map((result) => result.factId)).size).toBe(10);
  });

  it('concurrent conflicting transitions: exactly one CloseCase wins, the others are refused', async () => {
    const caseId = await newCase();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, index) => world.send(CloseCaseCommand, { caseId, reason: `closing ${index}` }, officers.frInvestigator)),
    );
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((outcome) => [outcome.reason.code, outcome.reason.rule])).toEqual(Array(5).fill(['INVALID_TRANSITION', 'case.closed-accepts-no-changes']));
    const events = await world.store.readStream(`case-${caseId}`);
    expect(events.filter((event) => event.type === 'CaseClosed')).toHaveLength(1);
  });

  it('a retried fact command returns the original result and writes nothing, even after later changes', async () => {
    const caseId = await newCase();
    const commandId = randomUUID();
    const input = { caseId, text: 'Suspect uses WeChat', markings: amber };
    const first = await world.send(AddNoteCommand, input, officers.frInvestigator, commandId);
    await world.send(AddNoteCommand, { ...input, text: 'another' }, officers.frInvestigator);
    await world.send(CloseCaseCommand, { caseId, reason: 'done' }, officers.frInvestigator);
    const retry = await world.send(AddNoteCommand, input, officers.frInvestigator, commandId);
    expect(retry).toEqual({ ...first, idempotentReplay: true });
    expect(await world.store.readStream(`case-${caseId}`)).toHaveLength(4);
  });

  it('shares with agreement and mandates read from the ledger, one CaseShared per recipient', async () => {
    const caseId = await newCase();
    await expect(
      world.send(ShareCaseCommand, { caseId, recipientAgencyIds: [AT], agreementId: AGREEMENT_FR_AT, categories: ['FINANCIAL'] }, officers.frInvestigator),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATION', rule: 'case.share.categories-within-agreement' });
    await expect(world.send(ShareCaseCommand, { caseId, recipientAgencyIds: [AT], agreementId: AGREEMENT_FR_CN, categories: [] }, officers.frInvestigator)).rejects.toMatchObject({
      rule: 'case.share.parties-to-agreement',
    });
    const result = await world.send(ShareCaseCommand, { caseId, recipientAgencyIds: [CN], agreementId: AGREEMENT_FR_CN, categories: ['VICTIM_IDENTITY', 'FINANCIAL'] }, officers.frInvestigator);
    expect(result.revision).toBe(1);
    await world.send(ShareCaseCommand, { caseId, recipientAgencyIds: [AT], agreementId: AGREEMENT_FR_AT, categories: ['TRAVEL_ROUTE'] }, officers.frInvestigator);

    await expect(world.send(ShareCaseCommand, { caseId, recipientAgencyIds: [AT], agreementId: AGREEMENT_FR_CN, categories: [] }, officers.cnInvestigator)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      rule: 'case.share.no-re-share',
    });
    await world.send(DeclareJointInvestigationCommand, { caseId, partnerAgencyIds: [CN] }, officers.frInvestigator);
    await world.send(RevokeShareCommand, { caseId, recipientAgencyId: AT, reason: 'no longer needed' }, officers.frInvestigator);
    const types = (await world.store.readStream(`case-${caseId}`)).map((event) => event.type);
    expect(types).toEqual(['CaseOpened', 'CaseShared', 'CaseShared', 'JointInvestigationDeclared', 'ShareRevoked']);
  });

  it('a RED case goes to one named recipient per command', async () => {
    const caseId = await newCase('RED');
    await expect(
      world.send(ShareCaseCommand, { caseId, recipientAgencyIds: [CN, AT], agreementId: AGREEMENT_FR_CN, categories: [] }, officers.frInvestigator),
    ).rejects.toMatchObject({ rule: 'case.share.red-single-recipient' });
  });

  it('stops sharing under a suspended agreement', async () => {
    const caseId = await newCase();
    await world.send(SuspendAgreementCommand, { agreementId: AGREEMENT_FR_AT, reason: 'review' }, officers.atAdmin);
    await expect(
      world.send(ShareCaseCommand, { caseId, recipientAgencyIds: [AT], agreementId: AGREEMENT_FR_AT, categories: [] }, officers.frInvestigator),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATION', rule: 'case.share.agreement-in-force' });
  });

  it('validates money flows: currency, amount and date', async () => {
    const caseId = await newCase();
    const error = await world
      .send(
        RecordMoneyFlowCommand,
        { caseId, fromAccount: 'FR76', toAccount: 'CN62', amount: -5, currency: 'EURO', date: '2025-02-30', channel: 'hawala', markings: amber },
        officers.frInvestigator,
      )
      .catch((e) => e);
    expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['amount', 'currency', 'date']);
  });

  it('records a FR owner on the case and refuses other agencies’ investigators', async () => {
    const caseId = await newCase();
    const [opened] = await world.store.readStream(`case-${caseId}`);
    expect(opened.data).toMatchObject({ ownerAgencyId: FR });
    await expect(world.send(AddNoteCommand, { caseId, text: 'x', markings: amber }, officers.cnInvestigator)).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'case.by-owner-investigator' });
  });
});

describe('when retries run out', () => {
  let world: LedgerTestWorld;
  beforeAll(async () => {
    world = await LedgerTestWorld.open({ clock: () => NOW, execution: { retry: { maxAttempts: 1 } } });
    await seedWorld(world);
  });
  afterAll(() => world.close());

  it('losers of a race get a ConcurrencyConflictError and nothing is overwritten', async () => {
    const caseId = randomUUID();
    await world.send(OpenCaseCommand, { caseId, kind: 'TRAFFICKING', title: 't', markings: amber }, officers.frInvestigator);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) => world.send(AddNoteCommand, { caseId, text: `note ${index}`, markings: amber }, officers.frInvestigator)),
    );
    const conflicts = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(conflicts.length).toBeGreaterThan(0);
    for (const conflict of conflicts) expect(conflict.reason).toMatchObject({ name: 'ConcurrencyConflictError', code: 'CONCURRENCY_CONFLICT', stream: `case-${caseId}` });
    const notes = (await world.store.readStream(`case-${caseId}`)).filter((event) => event.type === 'NoteAdded');
    expect(notes).toHaveLength(outcomes.length - conflicts.length);
  });
});

describe('two processes on one ledger file', () => {
  let first: LedgerTestWorld;
  let second: LedgerTestWorld;
  beforeAll(async () => {
    first = await LedgerTestWorld.open({ clock: () => NOW });
    await seedWorld(first);
    second = await LedgerTestWorld.open({ clock: () => NOW, sameFileAs: first });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('each decides on what the other wrote: cached states never hide newer events', async () => {
    const caseId = randomUUID();
    await first.send(OpenCaseCommand, { caseId, kind: 'TRAFFICKING', title: 't', markings: amber }, officers.frInvestigator);
    await second.send(AddNoteCommand, { caseId, text: 'from the second process', markings: amber }, officers.frInvestigator);
    await second.send(CloseCaseCommand, { caseId, reason: 'done' }, officers.frInvestigator);
    await expect(first.send(AddNoteCommand, { caseId, text: 'late', markings: amber }, officers.frInvestigator)).rejects.toMatchObject({
      rule: 'case.closed-accepts-no-changes',
    });
    // Suspension recorded by one process stops the officer in the other at once.
    await second.send(SuspendOfficerCommand, { agencyId: FR, officerId: 'fr-inv', reason: 'inquiry' }, officers.frAdmin);
    await expect(first.send(OpenCaseCommand, { kind: 'TRAFFICKING', title: 't', markings: amber }, officers.frInvestigator)).rejects.toMatchObject({ rule: 'actor.not-suspended' });
  });

  it('a retried share returns the original result even after the stream moved on', async () => {
    await first.send(ReinstateOfficerCommand, { agencyId: FR, officerId: 'fr-inv' }, officers.frAdmin);
    const caseId = randomUUID();
    await first.send(OpenCaseCommand, { caseId, kind: 'TRAFFICKING', title: 't', markings: amber }, officers.frInvestigator);
    const commandId = randomUUID();
    const share = { caseId, recipientAgencyIds: [CN], agreementId: AGREEMENT_FR_CN, categories: ['TRAVEL_ROUTE' as const] };
    const original = await first.send(ShareCaseCommand, share, officers.frInvestigator, commandId);
    // The first process folds the share into its cached state; the retry's decision then passes
    // again, and it is the store that recognises the command id.
    await first.send(AddNoteCommand, { caseId, text: 'n1', markings: amber }, officers.frInvestigator);
    await second.send(AddNoteCommand, { caseId, text: 'n2', markings: amber }, officers.frInvestigator);
    const retry = await first.send(ShareCaseCommand, share, officers.frInvestigator, commandId);
    expect(retry).toEqual({ ...original, idempotentReplay: true });
    expect((await first.store.readStream(`case-${caseId}`)).map((event) => event.type)).toEqual(['CaseOpened', 'CaseShared', 'NoteAdded', 'NoteAdded']);
  });
});
