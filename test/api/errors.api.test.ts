import { randomUUID } from 'node:crypto';
import { type ApiHarness, startApi } from '../support/api-harness';
import { buildSmallWorld, CN, FR, MARKINGS, OPEN_CASE, type SmallWorld } from './small-world';

/** Every error code the API answers with, and retries made safe by commandId. */
describe('API errors, roles and idempotent retries', () => {
  let api: ApiHarness;
  let world: SmallWorld;

  beforeAll(async () => {
    api = await startApi();
    world = await buildSmallWorld(api);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const extensionsOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions;

  describe('BAD_USER_INPUT names the field and the rule', () => {
    it('for a field the input validation refuses', async () => {
      const result = await api.gql(world.tokens[`${FR}-inv`], OPEN_CASE, { input: { kind: 'TRAFFICKING', title: '', markings: MARKINGS } });
      expect(result.status).toBe(200);
      expect(extensionsOf(result)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.title', rule: 'isLength' });
    });

    it('for a nested field', async () => {
      const result = await api.gql(world.tokens[`${FR}-inv`], 'mutation($input: RecordRouteInput!) { recordRoute(input: $input) { id } }', {
        input: { caseId: world.caseId, origin: { country: 'ZZ' }, destination: { country: 'FR' }, method: 'AIR', markings: MARKINGS },
      });
      expect(extensionsOf(result)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.origin.country', rule: 'isISO31661Alpha2' });
    });

    it('for a clue recipient, by where the client sent it', async () => {
      const result = await api.gql(world.tokens[`${FR}-inv`], 'mutation($input: SubmitClueInput!) { submitClue(input: $input) { id } }', {
        input: { recipients: [{ agencyId: 'Not A Slug', agreementId: world.agreements.frCn }], kind: 'LEAD', subject: 's', body: 'b', markings: MARKINGS },
      });
      // The command takes recipients as agency ids plus an agreement map; the error names the API's field.
      expect(extensionsOf(result)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.recipients', rule: 'matches' });
    });

    it('for a rule of the domain about the input', async () => {
      const result = await api.gql(world.tokens[`${FR}-admin`], 'mutation($input: ProposeAgreementInput!) { proposeAgreement(input: $input) { id } }', {
        input: { title: 'Backwards', parties: [FR, CN], scope: ['TRAFFICKING'], categories: ['TRAVEL_ROUTE'], maxTlp: 'GREEN', validFrom: '2030-01-01', validUntil: '2029-01-01' },
      });
      expect(extensionsOf(result)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.validFrom', rule: 'agreement.validity-dates' });
    });

    it('for a malformed commandId', async () => {
      const result = await api.gql(world.tokens[`${FR}-inv`], OPEN_CASE, { input: { commandId: 'again', kind: 'TRAFFICKING', title: 't', markings: MARKINGS } });
      expect(extensionsOf(result)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.commandId', rule: 'isUuid' });
    });

    it('and nothing is written', async () => {
      const before = await api.store.headPosition();
      await api.gql(world.tokens[`${FR}-inv`], OPEN_CASE, { input: { kind: 'TRAFFICKING', title: 'x'.repeat(201), markings: MARKINGS } });
      expect(await api.store.headPosition()).toBe(before);
    });
  });

  describe('UNAUTHENTICATED', () => {
    it.each([
      ['no token', null, undefined],
      ['a token that is not a JWT', 'not-a-token', 'MALFORMED_TOKEN'],
    ])('for %s', async (_label, token, reason) => {
      const result = await api.gql(token, '{ me { id } }');
      expect(result.status).toBe(401);
      expect(extensionsOf(result)).toMatchObject({ code: 'UNAUTHENTICATED', ...(reason ? { reason } : {}) });
    });

    it('for an officer the ledger does not know, or of another agency than claimed', async () => {
      expect(extensionsOf(await api.gql(await api.tokenFor('nobody-here', FR), '{ me { id } }'))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN_OFFICER' });
      expect(extensionsOf(await api.gql(await api.tokenFor(`${FR}-inv`, CN), '{ me { id } }'))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AGENCY_MISMATCH' });
    });

    it('for a suspended officer, until reinstated', async () => {
      const suspend = 'mutation($input: SuspendOfficerInput!) { suspendOfficer(input: $input) { id suspended } }';
      const reinstate = 'mutation($input: ReinstateOfficerInput!) { reinstateOfficer(input: $input) { id suspended } }';
      const token = world.tokens[`${CN}-lo`];
      expect((await api.ok(token, '{ me { id } }')).me.id).toBe(`${CN}-lo`);
      expect((await api.ok(world.tokens[`${CN}-admin`], suspend, { input: { officerId: `${CN}-lo`, reason: 'under review' } })).suspendOfficer).toEqual({ id: `${CN}-lo`, suspended: true });
      expect(extensionsOf(await api.gql(token, '{ me { id } }'))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'OFFICER_SUSPENDED' });
      await api.ok(world.tokens[`${CN}-admin`], reinstate, { input: { officerId: `${CN}-lo` } });
      expect((await api.ok(token, '{ me { id } }')).me.id).toBe(`${CN}-lo`);
    });
  });

  describe('FORBIDDEN', () => {
    it('when the officer lacks the role the command needs', async () => {
      const byInvestigator = await api.gql(world.tokens[`${FR}-inv`], 'mutation($input: RegisterOfficerInput!) { registerOfficer(input: $input) { id } }', {
        input: { officerId: 'fr-new', name: 'New', roles: ['INVESTIGATOR'] },
      });
      expect(extensionsOf(byInvestigator)).toEqual({ code: 'FORBIDDEN', rule: 'agency.administered-by-own-admins' });
      const byLiaison = await api.gql(world.tokens[`${FR}-lo`], OPEN_CASE, { input: { kind: 'TRAFFICKING', title: 'Not mine to open', markings: MARKINGS } });
      expect(extensionsOf(byLiaison)).toEqual({ code: 'FORBIDDEN', rule: 'case.open.by-investigator' });
    });

    it('when the officer lacks the role a query needs', async () => {
      const result = await api.gql(world.tokens[`${FR}-admin`], '{ cases { edges { node { id } } } }');
      expect(extensionsOf(result)?.code).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    });
  });

  describe('CONFLICT', () => {
    it('when the thing already exists', async () => {
      const result = await api.gql(world.tokens.registrar, 'mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { agencyId } }', {
        input: { agencyId: FR, name: 'Again', country: 'FR', kind: 'POLICE', mandates: [], admin: { officerId: 'fr-again', name: 'A', roles: ['AGENCY_ADMIN'] } },
      });
      expect(extensionsOf(result)).toEqual({ code: 'CONFLICT', rule: 'agency.unique' });
    });

    it('when the state does not allow the change', async () => {
      const close = 'mutation($input: CloseCaseInput!) { closeCase(input: $input) { status } }';
      const { openCase } = await api.ok(world.tokens[`${FR}-inv`], OPEN_CASE, { input: { kind: 'SMUGGLING', title: 'To close', markings: MARKINGS } });
      expect((await api.ok(world.tokens[`${FR}-inv`], close, { input: { caseId: openCase.id, reason: 'done' } })).closeCase.status).toBe('CLOSED');
      const again = await api.gql(world.tokens[`${FR}-inv`], close, { input: { caseId: openCase.id, reason: 'done again' } });
      expect(extensionsOf(again)?.code).toBe('CONFLICT');
    });
  });

  describe('NOT_FOUND', () => {
    it('for a clue, agreement or case that does not exist', async () => {
      const unknown = randomUUID();
      expect(extensionsOf(await api.gql(world.tokens[`${CN}-inv`], `{ clue(id: "${unknown}") { id } }`))?.code).toBe('NOT_FOUND');
      expect(extensionsOf(await api.gql(world.tokens[`${CN}-inv`], `{ agreement(id: "${unknown}") { id } }`))?.code).toBe('NOT_FOUND');
      const sign = await api.gql(world.tokens[`${CN}-admin`], 'mutation($input: SignAgreementInput!) { signAgreement(input: $input) { id } }', { input: { agreementId: unknown } });
      expect(extensionsOf(sign)?.code).toBe('NOT_FOUND');
    });

    it('for an agreement the viewer is not a party to', async () => {
      const sign = await api.gql(world.tokens[`${CN}-admin`], 'mutation($input: SignAgreementInput!) { signAgreement(input: $input) { id } }', { input: { agreementId: world.agreements.frAt } });
      expect(extensionsOf(sign)?.code).toBe('NOT_FOUND');
    });
  });

  describe('idempotent retries', () => {
    it('a command sent twice with the same commandId is applied once and answered the same', async () => {
      const commandId = randomUUID();
      const input = { commandId, kind: 'TRAFFICKING', title: 'Retried over a flaky network', markings: MARKINGS };
      const first = await api.ok(world.tokens[`${FR}-inv`], OPEN_CASE, { input });
      const head = await api.store.headPosition();
      const second = await api.ok(world.tokens[`${FR}-inv`], OPEN_CASE, { input });
      expect(second.openCase).toEqual(first.openCase);
      expect(await api.store.headPosition()).toBe(head);
      const events = await api.store.readStream(`case-${first.openCase.id}`);
      expect(events.map((event) => [event.type, event.commandId])).toEqual([['CaseOpened', commandId]]);
    });

    it('a fact recorded twice with the same commandId is recorded once', async () => {
      const commandId = randomUUID();
      const record = 'mutation($input: AddNoteInput!) { addNote(input: $input) { notes { text } } }';
      const input = { commandId, caseId: world.caseId, text: 'Once only', markings: MARKINGS };
      await api.ok(world.tokens[`${FR}-inv`], record, { input });
      const again = await api.ok(world.tokens[`${FR}-inv`], record, { input });
      expect(again.addNote.notes.filter((note: { text: string }) => note.text === 'Once only')).toHaveLength(1);
    });
  });
});
