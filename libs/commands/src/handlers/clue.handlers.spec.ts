import { randomUUID } from 'node:crypto';
import type { EventStore } from '@ledger/event-store';
import { deriveId } from '../execution/derive-id';
import { OpenCaseCommand } from '../messages/case.messages';
import {
  AcceptClueCommand,
  AcknowledgeClueCommand,
  CloseClueCommand,
  GiveClueFeedbackCommand,
  ProvideClueInformationCommand,
  RequestClueInformationCommand,
  SubmitClueCommand,
  WithdrawClueCommand,
} from '../messages/clue.messages';
import { LedgerTestWorld } from '../testing/ledger-test-world';
import { AGREEMENT_FR_AT, AGREEMENT_FR_CN, AT, CN, FR, NOW, officers, seedWorld } from '../testing/seed-world';

const amber = { tlp: 'AMBER' as const, handling: ['H0' as const] };
const lead = (clueId: string) => ({
  clueId,
  recipientAgencyIds: [CN],
  agreementIds: { [CN]: AGREEMENT_FR_CN },
  kind: 'LEAD' as const,
  subject: 'Recruiter in Wenzhou',
  body: 'Offers nail-parlour jobs in Paris; victims travel via Belgrade.',
  markings: amber,
});
const newCase = { kind: 'TRAFFICKING' as const, title: 'From the FR lead', summary: 'Recruiter', markings: amber };

describe('clue commands against the SQLite event store', () => {
  let world: LedgerTestWorld;
  beforeAll(async () => {
    world = await LedgerTestWorld.open({ clock: () => NOW });
    await seedWorld(world);
  });
  afterAll(() => world.close());

  async function acknowledgedClue(): Promise<string> {
    const clueId = randomUUID();
    await world.send(SubmitClueCommand, lead(clueId), officers.frInvestigator);
    await world.send(AcknowledgeClueCommand, { clueId }, officers.cnLiaison);
    return clueId;
  }

  it('walks a lead through its whole lifecycle, each step by the right side', async () => {
    const clueId = randomUUID();
    await world.send(SubmitClueCommand, lead(clueId), officers.frLiaison);
    await world.send(AcknowledgeClueCommand, { clueId }, officers.cnLiaison);
    await world.send(RequestClueInformationCommand, { clueId, question: 'Which district?' }, officers.cnLiaison);
    await expect(world.send(RequestClueInformationCommand, { clueId, question: 'again?' }, officers.cnLiaison)).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      current: 'INFO_REQUESTED',
      requested: 'INFO_REQUESTED',
    });
    await world.send(ProvideClueInformationCommand, { clueId, recipientAgencyId: CN, answer: 'Lucheng' }, officers.frInvestigator);
    const caseId = randomUUID();
    await world.send(OpenCaseCommand, { caseId, ...newCase }, officers.cnInvestigator);
    const accepted = await world.send(AcceptClueCommand, { clueId, caseId }, officers.cnInvestigator);
    expect(accepted).toMatchObject({ id: clueId, linkedCaseId: caseId, caseOpened: false, revision: 4 });
    await world.send(GiveClueFeedbackCommand, { clueId, outcome: 'LED_TO_ARREST' }, officers.cnLiaison);
    await world.send(CloseClueCommand, { clueId, recipientAgencyId: CN }, officers.frLiaison);
    const events = await world.store.readStream(`clue-${clueId}`);
    expect(events.map((event) => [event.type, event.actor.agencyId])).toEqual([
      ['ClueSubmitted', FR],
      ['ClueAcknowledged', CN],
      ['ClueInformationRequested', CN],
      ['ClueInformationProvided', FR],
      ['ClueAccepted', CN],
      ['ClueFeedbackGiven', CN],
      ['ClueClosed', FR],
    ]);
    expect(events[5].data).toMatchObject({ outcome: 'LED_TO_ARREST', comment: '' });
  });

  it('checks agreements read from the ledger when submitting', async () => {
    await expect(world.send(SubmitClueCommand, { ...lead(randomUUID()), agreementIds: { [CN]: AGREEMENT_FR_AT } }, officers.frInvestigator)).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'clue.submit.parties-to-agreement',
    });
    await expect(
      world.send(SubmitClueCommand, { ...lead(randomUUID()), recipientAgencyIds: [AT], agreementIds: { [AT]: AGREEMENT_FR_AT }, markings: { tlp: 'RED', handling: [] } }, officers.frInvestigator),
    ).rejects.toMatchObject({ rule: 'clue.submit.tlp-within-agreement' });
    await expect(world.send(SubmitClueCommand, { ...lead(randomUUID()), agreementIds: { [CN]: randomUUID() } }, officers.frInvestigator)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      rule: 'clue.submit.agreement-exists',
    });
    const twoRecipients = await world.send(
      SubmitClueCommand,
      { ...lead(randomUUID()), recipientAgencyIds: [CN, AT], agreementIds: { [CN]: AGREEMENT_FR_CN, [AT]: AGREEMENT_FR_AT } },
      officers.frInvestigator,
    );
    expect(twoRecipients.revision).toBe(0);
  });

  it('validates the agreement map and the claimed identity shape', async () => {
    const error = await world
      .send(
        SubmitClueCommand,
        {
          ...lead(randomUUID()),
          kind: 'IDENTIFICATION_REQUEST',
          agreementIds: { [CN]: 'not-a-uuid' },
          claimedIdentity: { personRole: 'VICTIM', fullName: 'Wang Fang', nationality: 'China' },
        },
        officers.frInvestigator,
      )
      .catch((e) => e);
    expect([...new Set(error.issues.map((issue: { path: string }) => issue.path))].sort()).toEqual(['agreementIds', 'claimedIdentity.nationality']);
  });

  it('accepts into a case opened on the spot: CaseOpened (openedForClueId) then ClueAccepted; a retry writes nothing', async () => {
    const clueId = await acknowledgedClue();
    const commandId = randomUUID();
    const result = await world.send(AcceptClueCommand, { clueId, newCase }, officers.cnLiaison, commandId);
    const caseId = deriveId(commandId, 'case');
    expect(result).toMatchObject({ id: clueId, stream: `clue-${clueId}`, revision: 2, linkedCaseId: caseId, caseOpened: true, idempotentReplay: false });
    const [opened] = await world.store.readStream(`case-${caseId}`);
    expect(opened).toMatchObject({ type: 'CaseOpened', data: { caseId, ownerAgencyId: CN, openedForClueId: clueId }, causationId: commandId });
    const clueEvents = await world.store.readStream(`clue-${clueId}`);
    expect(clueEvents[2]).toMatchObject({ type: 'ClueAccepted', data: { linkedCaseId: caseId } });
    // The acceptance is written first, so a refused acceptance never leaves a case behind.
    expect(result.globalPosition).toBe(opened.globalPosition);
    expect(opened.globalPosition).toBeGreaterThan(clueEvents[2].globalPosition);

    const head = await world.store.headPosition();
    const retry = await world.send(AcceptClueCommand, { clueId, newCase }, officers.cnLiaison, commandId);
    expect(retry).toMatchObject({ idempotentReplay: true, linkedCaseId: caseId, caseOpened: true, revision: 2 });
    expect(await world.store.headPosition()).toBe(head);
  });

  it('refuses an acceptance into a case of another agency, opening nothing', async () => {
    const clueId = await acknowledgedClue();
    const frCase = randomUUID();
    await world.send(OpenCaseCommand, { caseId: frCase, ...newCase }, officers.frInvestigator);
    await expect(world.send(AcceptClueCommand, { clueId, caseId: frCase }, officers.cnInvestigator)).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'clue.accept.own-case' });
    await expect(world.send(AcceptClueCommand, { clueId, newCase }, officers.frInvestigator)).rejects.toMatchObject({ code: 'FORBIDDEN', rule: 'clue.recipient-only' });
    const error = await world.send(AcceptClueCommand, { clueId }, officers.cnInvestigator).catch((e) => e);
    expect(error).toMatchObject({ code: 'BAD_INPUT', issues: [expect.objectContaining({ path: 'caseId', rule: 'caseOrNewCase' })] });
  });

  it('accept and withdraw racing on one recipient: exactly one wins', async () => {
    for (let round = 0; round < 5; round += 1) {
      const clueId = await acknowledgedClue();
      const caseIdOfRound = randomUUID();
      const outcomes = await Promise.allSettled([
        world.send(AcceptClueCommand, { clueId, newCase: { ...newCase, caseId: caseIdOfRound } }, officers.cnInvestigator),
        world.send(WithdrawClueCommand, { clueId, recipientAgencyId: CN, reason: 'source retracted' }, officers.frInvestigator),
      ]);
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost[0].reason).toMatchObject({ code: 'INVALID_TRANSITION', rule: 'clue.status-transition' });
      const types = (await world.store.readStream(`clue-${clueId}`)).map((event) => event.type);
      expect(types.slice(2)).toHaveLength(1);
      expect(['ClueAccepted', 'ClueWithdrawn']).toContain(types[2]);
      // The new case exists exactly when the acceptance won: a refused acceptance leaves nothing behind.
      expect(await world.store.readStream(`case-${caseIdOfRound}`)).toHaveLength(types[2] === 'ClueAccepted' ? 1 : 0);
    }
  });
});

describe('a crash between the two appends of an acceptance', () => {
  let failNextCaseOpening = false;
  let world: LedgerTestWorld;
  beforeAll(async () => {
    world = await LedgerTestWorld.open({
      clock: () => NOW,
      interpose: (store: EventStore): EventStore => ({
        append: async (stream, events, expected, context) => {
          if (failNextCaseOpening && stream.startsWith('case-') && events.some((event) => event.type === 'CaseOpened')) {
            failNextCaseOpening = false;
            throw new Error('process died before the case was opened');
          }
          return store.append(stream, events, expected, context);
        },
        readStream: (stream, options) => store.readStream(stream, options),
        readAll: (options) => store.readAll(options),
        subscribeToAll: (options) => store.subscribeToAll(options),
        headPosition: () => store.headPosition(),
        close: () => store.close(),
      }),
    });
    await seedWorld(world);
  });
  afterAll(() => world.close());

  it('is completed by retrying the same command: the case opened once, the clue accepted once', async () => {
    const clueId = randomUUID();
    await world.send(SubmitClueCommand, lead(clueId), officers.frInvestigator);
    await world.send(AcknowledgeClueCommand, { clueId }, officers.cnLiaison);
    const commandId = randomUUID();
    failNextCaseOpening = true;
    await expect(world.send(AcceptClueCommand, { clueId, newCase }, officers.cnLiaison, commandId)).rejects.toThrow('process died');
    const caseId = deriveId(commandId, 'case');
    expect(await world.store.readStream(`case-${caseId}`)).toHaveLength(0);
    expect(await world.store.readStream(`clue-${clueId}`)).toHaveLength(3);

    const retry = await world.send(AcceptClueCommand, { clueId, newCase }, officers.cnLiaison, commandId);
    expect(retry).toMatchObject({ linkedCaseId: caseId, caseOpened: true, idempotentReplay: true });
    expect(await world.store.readStream(`case-${caseId}`)).toHaveLength(1);
    const clueEvents = await world.store.readStream(`clue-${clueId}`);
    expect(clueEvents.map((event) => event.type)).toEqual(['ClueSubmitted', 'ClueAcknowledged', 'ClueAccepted']);
    expect(clueEvents[2].commandId).toBe(commandId);
  });
});
