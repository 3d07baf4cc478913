import { deciderSpec } from '../testing/decider-spec';
import { actor, agencyState, agreementState, AT, BG, CN, FR, investigator, liaison, markings, NOW } from '../testing/fixtures';
import type { AgreementEvent } from '../agreement/agreement.events';
import type { CaseCommand, CaseDecisionContext, RecordFactCommand } from './case.commands';
import type { CaseEvent, CaseOpened } from './case.events';
import type { DataCategory } from '../shared/vocabulary';
import { evolveCase, initialCaseState } from './case.state';
import { caseStreamName } from './case.stream';
import { CASE_COMMAND_TYPES, caseDecider } from './index';

const CASE = '0b8f1c9e-3a52-4c1e-9a0e-6f1d2b7c4e11';
const owner = investigator(FR);
const recipients = { [CN]: agencyState(CN), [AT]: agencyState(AT, { mandates: ['TRAVEL_ROUTE'] }), [BG]: agencyState(BG) };
const context: CaseDecisionContext = { now: NOW, agreement: agreementState({ parties: [FR, CN, AT] }), recipients };
const spec = deciderSpec(caseDecider, context);

const opened = (tlp: Parameters<typeof markings>[0] = 'AMBER', kind: 'TRAFFICKING' | 'SMUGGLING' = 'TRAFFICKING'): CaseEvent => ({
  type: 'CaseOpened',
  data: { caseId: CASE, ownerAgencyId: FR, kind, title: 'Recruitment ring, Wenzhou–Paris', summary: 'Victims recruited for nail parlours', markings: markings(tlp) },
});
const sharedWith = (recipientAgencyId: string, categories: DataCategory[] = ['TRAVEL_ROUTE']): CaseEvent => ({
  type: 'CaseShared',
  data: { caseId: CASE, recipientAgencyId, agreementId: 'agr-1', categories },
});
const closed: CaseEvent = { type: 'CaseClosed', data: { caseId: CASE, reason: 'convictions' } };
const share = (data: Partial<{ recipientAgencyIds: string[]; categories: DataCategory[]; agreementId: string }> = {}, by = owner): CaseCommand => ({
  type: 'ShareCase',
  actor: by,
  data: { caseId: CASE, recipientAgencyIds: [CN], agreementId: 'agr-1', categories: ['TRAVEL_ROUTE'], ...data },
});

describe('case streams', () => {
  it('are named case-<id>', () => expect(caseStreamName(CASE)).toBe(`case-${CASE}`));
});

describe('OpenCase', () => {
  const open = (data: Partial<Extract<CaseCommand, { type: 'OpenCase' }>['data']> = {}, by = owner): CaseCommand => ({
    type: 'OpenCase',
    actor: by,
    data: { caseId: CASE, kind: 'TRAFFICKING', title: 'Recruitment ring, Wenzhou–Paris', summary: 'Victims recruited for nail parlours', markings: markings(), ...data },
  });
  it('opens a case owned by the investigator’s agency', () => {
    spec.given([]).when(open()).then([opened()]);
  });
  it('is for INVESTIGATORs', () => {
    spec.given([]).when(open({}, liaison(FR))).thenThrows('FORBIDDEN', 'case.open.by-investigator');
  });
  it('lets a liaison officer open a case for a clue being accepted', () => {
    spec
      .given([])
      .when(open({ openedForClueId: 'clue-9' }, liaison(FR)))
      .then([{ type: 'CaseOpened', data: { ...(opened() as CaseOpened).data, openedForClueId: 'clue-9' } }]);
  });
  it('refuses an id already used', () => {
    spec.given([opened()]).when(open()).thenThrows('ALREADY_EXISTS', 'case.unique');
  });
  it('checks the markings: H3 states its restriction, codes are not repeated', () => {
    spec.given([]).when(open({ markings: markings('AMBER', { handling: ['H3'] }) })).thenThrows('BAD_INPUT', 'markings.h3-states-restriction');
    spec.given([]).when(open({ markings: markings('AMBER', { handling: ['H0'], handlingNote: 'x' }) })).thenThrows('BAD_INPUT', 'markings.h3-states-restriction');
    spec.given([]).when(open({ markings: markings('AMBER', { handling: ['H1', 'H1'] }) })).thenThrows('BAD_INPUT', 'markings.handling-codes-distinct');
  });
  it('needs a title', () => {
    spec.given([]).when(open({ title: '' })).thenThrows('BAD_INPUT', 'case.title-given');
  });
});

describe('recording facts', () => {
  const person = (data: Partial<Extract<RecordFactCommand, { type: 'RecordPerson' }>['data']> = {}): CaseCommand => ({
    type: 'RecordPerson',
    actor: owner,
    data: { caseId: CASE, personId: 'p-1', role: 'VICTIM', fullName: 'Li Hua', markings: markings(), ...data },
  });

  it('tags a victim’s identity as VICTIM_IDENTITY, phone as COMMUNICATIONS, address as LOCATION', () => {
    spec
      .given([opened()])
      .when(person({ dateOfBirth: '1994-03-02', nationality: 'CN', documentNumber: 'E1234', phoneNumber: '+33 6 00', address: '12 rue X, Paris' }))
      .then([
        {
          type: 'PersonRecorded',
          data: {
            caseId: CASE,
            personId: 'p-1',
            role: 'VICTIM',
            fullName: { category: 'VICTIM_IDENTITY', value: 'Li Hua' },
            dateOfBirth: { category: 'VICTIM_IDENTITY', value: '1994-03-02' },
            nationality: { category: 'VICTIM_IDENTITY', value: 'CN' },
            documentNumber: { category: 'VICTIM_IDENTITY', value: 'E1234' },
            phoneNumber: { category: 'COMMUNICATIONS', value: '+33 6 00' },
            address: { category: 'LOCATION', value: '12 rue X, Paris' },
            markings: markings(),
          },
        },
      ]);
  });
  it.each([
    ['SUSPECT', 'SUSPECT_IDENTITY'],
    ['VICTIM', 'VICTIM_IDENTITY'],
    ['WITNESS', 'VICTIM_IDENTITY'],
  ] as const)('tags a %s’s name as %s', (role, category) => {
    const [event] = spec.given([opened()]).when(person({ role })).then([
      { type: 'PersonRecorded', data: { caseId: CASE, personId: 'p-1', role, fullName: { category, value: 'Li Hua' }, markings: markings() } },
    ]);
    expect(event.type).toBe('PersonRecorded');
  });
  it('tags routes as TRAVEL_ROUTE, with places as CC or CC:City', () => {
    spec
      .given([opened()])
      .when({
        type: 'RecordRoute',
        actor: owner,
        data: {
          caseId: CASE,
          routeId: 'r-1',
          origin: { country: 'CN', city: 'Wenzhou' },
          transit: [{ country: 'RS' }, { country: 'HU', city: 'Budapest' }],
          destination: { country: 'FR', city: 'Paris' },
          method: 'MIXED',
          markings: markings(),
        },
      })
      .then([
        {
          type: 'RouteRecorded',
          data: {
            caseId: CASE,
            routeId: 'r-1',
            origin: { category: 'TRAVEL_ROUTE', value: 'CN:Wenzhou' },
            transit: { category: 'TRAVEL_ROUTE', value: ['RS', 'HU:Budapest'] },
            destination: { category: 'TRAVEL_ROUTE', value: 'FR:Paris' },
            method: 'MIXED',
            markings: markings(),
          },
        },
      ]);
  });
  it('tags an organisation’s address as LOCATION', () => {
    spec
      .given([opened()])
      .when({ type: 'RecordOrganisation', actor: owner, data: { caseId: CASE, organisationId: 'o-1', name: 'Golden Nails', kind: 'PARLOUR', country: 'FR', address: '3 av Y', markings: markings() } })
      .then([
        {
          type: 'OrganisationRecorded',
          data: { caseId: CASE, organisationId: 'o-1', name: 'Golden Nails', kind: 'PARLOUR', country: 'FR', address: { category: 'LOCATION', value: '3 av Y' }, markings: markings() },
        },
      ]);
  });
  it('tags money-flow accounts as FINANCIAL and checks amount and date', () => {
    const flow = (amount: number, date = '2025-05-01'): CaseCommand => ({
      type: 'RecordMoneyFlow',
      actor: owner,
      data: { caseId: CASE, flowId: 'm-1', fromAccount: 'FR76 3000', toAccount: 'CN 6222', amount, currency: 'EUR', date, channel: 'money remittance', markings: markings() },
    });
    spec
      .given([opened()])
      .when(flow(2500))
      .then([
        {
          type: 'MoneyFlowRecorded',
          data: {
            caseId: CASE,
            flowId: 'm-1',
            fromAccount: { category: 'FINANCIAL', value: 'FR76 3000' },
            toAccount: { category: 'FINANCIAL', value: 'CN 6222' },
            amount: 2500,
            currency: 'EUR',
            date: '2025-05-01',
            channel: 'money remittance',
            markings: markings(),
          },
        },
      ]);
    spec.given([opened()]).when(flow(0)).thenThrows('BAD_INPUT', 'case.money-flow.amount-positive');
    spec.given([opened()]).when(flow(Number.NaN)).thenThrows('BAD_INPUT', 'case.money-flow.amount-positive');
    spec.given([opened()]).when(flow(10, '2025-13-01')).thenThrows('BAD_INPUT', 'case.money-flow.date');
  });
  it('adds notes', () => {
    spec
      .given([opened()])
      .when({ type: 'AddNote', actor: owner, data: { caseId: CASE, noteId: 'n-1', text: 'Contact via WeChat', markings: markings('RED') } })
      .then([{ type: 'NoteAdded', data: { caseId: CASE, noteId: 'n-1', text: 'Contact via WeChat', markings: markings('RED') } }]);
    spec
      .given([opened()])
      .when({ type: 'AddNote', actor: owner, data: { caseId: CASE, noteId: 'n-1', text: ' ', markings: markings() } })
      .thenThrows('BAD_INPUT', 'case.note.text-given');
  });
  it('accepts fact markings stricter than the case’s, never looser', () => {
    spec.given([opened('AMBER')]).when(person({ markings: markings('AMBER_STRICT') })).then([
      { type: 'PersonRecorded', data: { caseId: CASE, personId: 'p-1', role: 'VICTIM', fullName: { category: 'VICTIM_IDENTITY', value: 'Li Hua' }, markings: markings('AMBER_STRICT') } },
    ]);
    const error = spec.given([opened('AMBER')]).when(person({ markings: markings('GREEN') })).thenThrows('RULE_VIOLATION', 'case.fact.markings-not-looser');
    expect(error.message).toContain('GREEN');
  });
  it('needs names for persons and organisations', () => {
    spec.given([opened()]).when(person({ fullName: ' ' })).thenThrows('BAD_INPUT', 'case.person.name-given');
    spec
      .given([opened()])
      .when({ type: 'RecordOrganisation', actor: owner, data: { caseId: CASE, organisationId: 'o-1', name: '', kind: 'PARLOUR', country: 'FR', markings: markings() } })
      .thenThrows('BAD_INPUT', 'case.organisation.name-given');
  });
  it('keeps fact ids unique within the case', () => {
    const first = spec.given([opened()]).when(person()).then([
      { type: 'PersonRecorded', data: { caseId: CASE, personId: 'p-1', role: 'VICTIM', fullName: { category: 'VICTIM_IDENTITY', value: 'Li Hua' }, markings: markings() } },
    ]);
    spec.given([opened(), ...first]).when(person()).thenThrows('ALREADY_EXISTS', 'case.fact.id-unique');
    spec
      .given([opened(), ...first])
      .when({ type: 'AddNote', actor: owner, data: { caseId: CASE, noteId: 'p-1', text: 'x', markings: markings() } })
      .thenThrows('ALREADY_EXISTS', 'case.fact.id-unique');
  });
  it('is for INVESTIGATORs of the owner agency only', () => {
    spec.given([opened()]).when({ ...person(), actor: investigator(CN) }).thenThrows('FORBIDDEN', 'case.by-owner-investigator');
    spec.given([opened()]).when({ ...person(), actor: actor(FR, ['LIAISON_OFFICER', 'AGENCY_ADMIN']) }).thenThrows('FORBIDDEN', 'case.by-owner-investigator');
  });
  it('needs an existing case', () => {
    spec.given([]).when(person()).thenThrows('NOT_FOUND', 'case.exists');
  });
});

describe('ShareCase', () => {
  it('emits one CaseShared per recipient', () => {
    spec
      .given([opened()])
      .when(share({ recipientAgencyIds: [CN, AT] }))
      .then([sharedWith(CN), sharedWith(AT)]);
  });
  it('replaces an existing share when sharing again', () => {
    const given = [opened(), sharedWith(CN, ['TRAVEL_ROUTE', 'VICTIM_IDENTITY'])];
    const events = spec.given(given).when(share({ categories: ['TRAVEL_ROUTE'] })).then([sharedWith(CN, ['TRAVEL_ROUTE'])]);
    const state = [...given, ...events].reduce(evolveCase, initialCaseState());
    expect(state.exists && state.shares).toEqual({ [CN]: { agreementId: 'agr-1', categories: ['TRAVEL_ROUTE'] } });
  });
  it('allows a share without personal-data categories', () => {
    spec.given([opened()]).when(share({ categories: [] })).then([sharedWith(CN, [])]);
  });
  it('is refused to a recipient: what was received is not re-shared', () => {
    spec.given([opened(), sharedWith(CN)]).when(share({ recipientAgencyIds: [AT] }, investigator(CN))).thenThrows('FORBIDDEN', 'case.share.no-re-share');
  });
  it('is for INVESTIGATORs of the owner', () => {
    spec.given([opened()]).when(share({}, liaison(FR))).thenThrows('FORBIDDEN', 'case.by-owner-investigator');
  });
  it('cannot share with the own agency', () => {
    spec.given([opened()]).when(share({ recipientAgencyIds: [FR] })).thenThrows('RULE_VIOLATION', 'case.share.not-with-own-agency');
  });
  it('needs recipients, each once', () => {
    spec.given([opened()]).when(share({ recipientAgencyIds: [] })).thenThrows('BAD_INPUT', 'case.share.recipients-given');
    spec.given([opened()]).when(share({ recipientAgencyIds: [CN, CN] })).thenThrows('BAD_INPUT', 'case.share.recipients-given');
  });
  it('needs an existing agreement in force', () => {
    spec.given([opened()]).when(share(), { agreement: { exists: false } }).thenThrows('NOT_FOUND', 'case.share.agreement-exists');
    const suspended: AgreementEvent = { type: 'AgreementSuspended', data: { agreementId: 'agr-1', byAgencyId: CN, reason: 'review' } };
    const error = spec
      .given([opened()])
      .when(share(), { agreement: agreementState({ parties: [FR, CN, AT] }, [suspended]) })
      .thenThrows('RULE_VIOLATION', 'case.share.agreement-in-force');
    expect(error.message).toContain('SUSPENDED');
    spec.given([opened()]).when(share(), { agreement: agreementState({ parties: [FR, CN], signedBy: [FR] }) }).thenThrows('RULE_VIOLATION', 'case.share.agreement-in-force');
    spec
      .given([opened()])
      .when(share(), { agreement: agreementState({ parties: [FR, CN], validFrom: '2025-01-01', validUntil: '2025-06-14' }) })
      .thenThrows('RULE_VIOLATION', 'case.share.agreement-in-force');
  });
  it('needs both owner and recipient to be parties', () => {
    spec.given([opened()]).when(share({ recipientAgencyIds: [BG] })).thenThrows('RULE_VIOLATION', 'case.share.parties-to-agreement');
    spec.given([opened()]).when(share(), { agreement: agreementState({ parties: [AT, CN] }) }).thenThrows('RULE_VIOLATION', 'case.share.parties-to-agreement');
  });
  it('needs the agreement to cover the case kind', () => {
    spec.given([opened('AMBER', 'SMUGGLING')]).when(share(), { agreement: agreementState({ parties: [FR, CN], scope: ['TRAFFICKING'] }) }).thenThrows('RULE_VIOLATION', 'case.share.agreement-covers-kind');
  });
  it('keeps categories within the agreement', () => {
    const error = spec
      .given([opened()])
      .when(share({ categories: ['TRAVEL_ROUTE', 'FINANCIAL'] }), { agreement: agreementState({ parties: [FR, CN], categories: ['TRAVEL_ROUTE', 'VICTIM_IDENTITY'] }) })
      .thenThrows('RULE_VIOLATION', 'case.share.categories-within-agreement');
    expect(error.message).toBe('case.share.categories-within-agreement: categories FINANCIAL are not allowed by agreement agr-1');
  });
  it('keeps categories within the recipient’s mandate', () => {
    spec.given([opened()]).when(share({ recipientAgencyIds: [AT], categories: ['FINANCIAL'] })).thenThrows('RULE_VIOLATION', 'case.share.categories-within-mandate');
  });
  it('needs the case TLP within the agreement’s maximum', () => {
    spec.given([opened('AMBER_STRICT')]).when(share(), { agreement: agreementState({ parties: [FR, CN], maxTlp: 'AMBER' }) }).thenThrows('RULE_VIOLATION', 'case.share.tlp-within-agreement');
    spec.given([opened('AMBER')]).when(share(), { agreement: agreementState({ parties: [FR, CN], maxTlp: 'AMBER' }) }).then([sharedWith(CN)]);
  });
  it('shares a TLP RED case with exactly one named recipient per command', () => {
    spec.given([opened('RED')]).when(share({ recipientAgencyIds: [CN, AT] })).thenThrows('RULE_VIOLATION', 'case.share.red-single-recipient');
    spec.given([opened('RED')]).when(share({ recipientAgencyIds: [CN] })).then([sharedWith(CN)]);
  });
  it('needs registered recipients', () => {
    spec.given([opened()]).when(share({ recipientAgencyIds: ['xx-ghost'] }), { agreement: agreementState({ parties: [FR, 'xx-ghost'] }) }).thenThrows('NOT_FOUND', 'case.share.recipient-registered');
  });
  it('refuses repeated categories', () => {
    spec.given([opened()]).when(share({ categories: ['TRAVEL_ROUTE', 'TRAVEL_ROUTE'] })).thenThrows('BAD_INPUT', 'case.share.categories-distinct');
  });
});

describe('RevokeShare', () => {
  const revoke = (recipientAgencyId = CN, reason = 'leak suspected'): CaseCommand => ({ type: 'RevokeShare', actor: owner, data: { caseId: CASE, recipientAgencyId, reason } });
  it('revokes an active share', () => {
    const events = spec.given([opened(), sharedWith(CN)]).when(revoke()).then([{ type: 'ShareRevoked', data: { caseId: CASE, recipientAgencyId: CN, reason: 'leak suspected' } }]);
    const state = [opened(), sharedWith(CN), ...events].reduce(evolveCase, initialCaseState());
    expect(state.exists && state.shares).toEqual({});
  });
  it('needs an active share', () => {
    spec.given([opened()]).when(revoke()).thenThrows('NOT_FOUND', 'case.revoke.active-share');
    spec
      .given([opened(), sharedWith(CN), { type: 'ShareRevoked', data: { caseId: CASE, recipientAgencyId: CN, reason: 'x' } }])
      .when(revoke())
      .thenThrows('NOT_FOUND', 'case.revoke.active-share');
  });
  it('needs a reason', () => {
    spec.given([opened(), sharedWith(CN)]).when(revoke(CN, '')).thenThrows('BAD_INPUT', 'case.revoke.reason-stated');
  });
  it('is for the owner’s investigators', () => {
    spec.given([opened(), sharedWith(CN)]).when({ ...revoke(), actor: investigator(CN) }).thenThrows('FORBIDDEN', 'case.by-owner-investigator');
  });
});

describe('case status transitions', () => {
  const joint: CaseEvent = { type: 'JointInvestigationDeclared', data: { caseId: CASE, partnerAgencyIds: [CN] } };
  const declare = (partnerAgencyIds = [CN]): CaseCommand => ({ type: 'DeclareJointInvestigation', actor: owner, data: { caseId: CASE, partnerAgencyIds } });
  const close: CaseCommand = { type: 'CloseCase', actor: owner, data: { caseId: CASE, reason: 'convictions' } };

  it('OPEN → JOINT with partners that hold a share', () => {
    spec.given([opened(), sharedWith(CN)]).when(declare()).then([joint]);
    spec.given([opened(), sharedWith(CN)]).when(declare([CN, AT])).thenThrows('RULE_VIOLATION', 'case.joint.partners-hold-share');
    spec.given([opened(), sharedWith(CN)]).when(declare([])).thenThrows('BAD_INPUT', 'case.joint.partners-given');
  });
  it('JOINT cannot be declared again', () => {
    spec.given([opened(), sharedWith(CN), joint]).when(declare()).thenThrows('INVALID_TRANSITION', 'case.status-transition');
  });
  it('OPEN → CLOSED and JOINT → CLOSED', () => {
    spec.given([opened()]).when(close).then([closed]);
    spec.given([opened(), sharedWith(CN), joint]).when(close).then([closed]);
    spec.given([opened()]).when({ ...close, data: { caseId: CASE, reason: '' } }).thenThrows('BAD_INPUT', 'case.close.reason-stated');
  });
  it('folds statuses', () => {
    const statuses = [opened(), sharedWith(CN), joint, closed].map((_, i, all) => all.slice(0, i + 1).reduce(evolveCase, initialCaseState())).map((s) => (s.exists ? s.status : 'NONE'));
    expect(statuses).toEqual(['OPEN', 'OPEN', 'JOINT', 'CLOSED']);
  });

  const everyChange: CaseCommand[] = [
    { type: 'RecordPerson', actor: owner, data: { caseId: CASE, personId: 'p-9', role: 'SUSPECT', fullName: 'X', markings: markings() } },
    { type: 'RecordRoute', actor: owner, data: { caseId: CASE, routeId: 'r-9', origin: { country: 'CN' }, transit: [], destination: { country: 'FR' }, method: 'AIR', markings: markings() } },
    { type: 'RecordOrganisation', actor: owner, data: { caseId: CASE, organisationId: 'o-9', name: 'X', kind: 'OTHER', country: 'FR', markings: markings() } },
    { type: 'RecordMoneyFlow', actor: owner, data: { caseId: CASE, flowId: 'm-9', fromAccount: 'a', toAccount: 'b', amount: 1, currency: 'EUR', date: '2025-01-01', channel: 'x', markings: markings() } },
    { type: 'AddNote', actor: owner, data: { caseId: CASE, noteId: 'n-9', text: 'x', markings: markings() } },
    share(),
    declare(),
    close,
  ];
  it('a CLOSED case can still revoke a share, so closing never freezes access', () => {
    const revoke: CaseCommand = { type: 'RevokeShare', actor: owner, data: { caseId: CASE, recipientAgencyId: CN, reason: 'case closed' } };
    spec.given([opened(), sharedWith(CN), closed]).when(revoke).then([{ type: 'ShareRevoked', data: { caseId: CASE, recipientAgencyId: CN, reason: 'case closed' } }]);
  });
  it.each(everyChange.map((command) => [command.type, command] as const))('a CLOSED case refuses %s', (_type, command) => {
    const error = spec.given([opened(), sharedWith(CN), closed]).when(command).thenThrows('INVALID_TRANSITION', 'case.closed-accepts-no-changes');
    expect(error.message).toContain('current state CLOSED');
  });
  it('covers every command but OpenCase', () => {
    expect(everyChange.map((c) => c.type)).toEqual(CASE_COMMAND_TYPES.filter((type) => type !== 'OpenCase' && type !== 'RevokeShare'));
  });
});
