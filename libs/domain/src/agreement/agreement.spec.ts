import { deciderSpec } from '../testing/decider-spec';
import { admin, agencyState, agreementEvents, agreementState, ALL_CATEGORIES, AT, CN, FR, investigator, NOW } from '../testing/fixtures';
import type { AgreementStatus } from '../shared/vocabulary';
import type { AgreementCommand, AgreementTerms } from './agreement.commands';
import type { AgreementEvent } from './agreement.events';
import { agreementStreamName } from './agreement.stream';
import { AGREEMENT_TRANSITIONS, agreementDecider, isAgreementInForce } from './index';

const parties = { [FR]: agencyState(FR), [CN]: agencyState(CN), [AT]: agencyState(AT) };
const spec = deciderSpec(agreementDecider, { now: NOW, parties });
const ID = 'agr-1';

function terms(overrides: Partial<AgreementTerms> = {}): AgreementTerms {
  return {
    agreementId: ID,
    title: 'FR–CN MoU on trafficking',
    parties: [FR, CN],
    scope: ['TRAFFICKING'],
    categories: ['VICTIM_IDENTITY', 'TRAVEL_ROUTE'],
    maxTlp: 'AMBER',
    validFrom: '2025-01-01',
    validUntil: '2026-12-31',
    ...overrides,
  };
}
const propose = (overrides: Partial<AgreementTerms> = {}, by = admin(FR)) => spec.given([]).when({ type: 'ProposeAgreement', actor: by, data: terms(overrides) });
const proposed: AgreementEvent = { type: 'AgreementProposed', data: { ...terms(), proposedByAgencyId: FR } };

describe('agreement streams', () => {
  it('are named agreement-<id>', () => expect(agreementStreamName(ID)).toBe('agreement-agr-1'));
});

describe('ProposeAgreement', () => {
  it('records the proposal with the proposer’s agency', () => {
    propose().then([proposed]);
  });
  it('is for AGENCY_ADMINs of a party only', () => {
    propose({}, investigator(FR)).thenThrows('FORBIDDEN', 'agreement.by-party-admin');
    propose({}, admin(AT)).thenThrows('FORBIDDEN', 'agreement.by-party-admin');
  });
  it('needs at least two distinct parties', () => {
    propose({ parties: [FR] }).thenThrows('BAD_INPUT', 'agreement.parties-at-least-two');
    propose({ parties: [FR, CN, FR] }).thenThrows('BAD_INPUT', 'agreement.parties-distinct');
  });
  it('needs every party to be a registered agency', () => {
    const error = propose({ parties: [FR, 'xx-unknown'] }).thenThrows('NOT_FOUND', 'agreement.parties-registered');
    expect(error.message).toContain('xx-unknown');
  });
  it('needs validFrom ≤ validUntil, both real calendar dates', () => {
    propose({ validFrom: '2026-01-02', validUntil: '2026-01-01' }).thenThrows('BAD_INPUT', 'agreement.validity-dates');
    propose({ validUntil: '2026-02-30' }).thenThrows('BAD_INPUT', 'agreement.validity-dates');
    propose({ validFrom: '2026-01-01', validUntil: '2026-01-01' }).then([{ type: 'AgreementProposed', data: { ...terms({ validFrom: '2026-01-01', validUntil: '2026-01-01' }), proposedByAgencyId: FR } }]);
  });
  it('refuses a validity that is already over', () => {
    propose({ validFrom: '2024-01-01', validUntil: '2025-06-14' }).thenThrows('RULE_VIOLATION', 'agreement.validity-not-over');
  });
  it('needs a non-empty scope and non-empty categories, without repeats', () => {
    propose({ scope: [] }).thenThrows('BAD_INPUT', 'agreement.scope-given');
    propose({ scope: ['TRAFFICKING', 'TRAFFICKING'] }).thenThrows('BAD_INPUT', 'agreement.scope-given');
    propose({ categories: [] }).thenThrows('BAD_INPUT', 'agreement.categories-given');
    propose({ categories: ['FINANCIAL', 'FINANCIAL'] }).thenThrows('BAD_INPUT', 'agreement.categories-given');
  });
  it('needs a title', () => {
    propose({ title: ' ' }).thenThrows('BAD_INPUT', 'agreement.title-given');
  });
  it('refuses an agreement id already used', () => {
    spec.given([proposed]).when({ type: 'ProposeAgreement', actor: admin(FR), data: terms() }).thenThrows('ALREADY_EXISTS', 'agreement.unique');
  });
});

describe('SignAgreement', () => {
  it('records each party’s signature and activates with the last one', () => {
    const three: AgreementEvent = { type: 'AgreementProposed', data: { ...terms({ parties: [FR, CN, AT] }), proposedByAgencyId: FR } };
    spec
      .given([three])
      .when({ type: 'SignAgreement', actor: admin(FR), data: { agreementId: ID } })
      .then([{ type: 'AgreementSigned', data: { agreementId: ID, agencyId: FR } }]);
    spec
      .given([three, { type: 'AgreementSigned', data: { agreementId: ID, agencyId: FR } }])
      .when({ type: 'SignAgreement', actor: admin(AT), data: { agreementId: ID } })
      .then([{ type: 'AgreementSigned', data: { agreementId: ID, agencyId: AT } }]);
    spec
      .given([three, { type: 'AgreementSigned', data: { agreementId: ID, agencyId: FR } }, { type: 'AgreementSigned', data: { agreementId: ID, agencyId: AT } }])
      .when({ type: 'SignAgreement', actor: admin(CN), data: { agreementId: ID } })
      .then([
        { type: 'AgreementSigned', data: { agreementId: ID, agencyId: CN } },
        { type: 'AgreementActivated', data: { agreementId: ID } },
      ]);
  });
  it('lets each party sign once', () => {
    spec
      .given([proposed, { type: 'AgreementSigned', data: { agreementId: ID, agencyId: FR } }])
      .when({ type: 'SignAgreement', actor: admin(FR), data: { agreementId: ID } })
      .thenThrows('RULE_VIOLATION', 'agreement.sign.once-per-party');
  });
  it('is for AGENCY_ADMINs of a party only', () => {
    spec.given([proposed]).when({ type: 'SignAgreement', actor: admin(AT), data: { agreementId: ID } }).thenThrows('FORBIDDEN', 'agreement.by-party-admin');
    spec.given([proposed]).when({ type: 'SignAgreement', actor: investigator(CN), data: { agreementId: ID } }).thenThrows('FORBIDDEN', 'agreement.by-party-admin');
  });
  it('needs an existing agreement', () => {
    spec.given([]).when({ type: 'SignAgreement', actor: admin(FR), data: { agreementId: ID } }).thenThrows('NOT_FOUND', 'agreement.exists');
  });
});

describe('agreement status transitions', () => {
  const reached: Record<AgreementStatus, AgreementEvent[]> = {
    // FR has signed: CN's signature is the last one.
    PROPOSED: agreementEvents({ agreementId: ID, signedBy: [FR] }),
    ACTIVE: agreementEvents({ agreementId: ID }),
    SUSPENDED: [...agreementEvents({ agreementId: ID }), { type: 'AgreementSuspended', data: { agreementId: ID, byAgencyId: CN, reason: 'review' } }],
    TERMINATED: [...agreementEvents({ agreementId: ID }), { type: 'AgreementTerminated', data: { agreementId: ID, byAgencyId: CN, reason: 'ended' } }],
  };
  const commands: Record<keyof typeof AGREEMENT_TRANSITIONS, AgreementCommand> = {
    SignAgreement: { type: 'SignAgreement', actor: admin(CN), data: { agreementId: ID } },
    SuspendAgreement: { type: 'SuspendAgreement', actor: admin(CN), data: { agreementId: ID, reason: 'breach' } },
    ResumeAgreement: { type: 'ResumeAgreement', actor: admin(CN), data: { agreementId: ID } },
    TerminateAgreement: { type: 'TerminateAgreement', actor: admin(CN), data: { agreementId: ID, reason: 'ended' } },
  };
  const expected: Record<keyof typeof AGREEMENT_TRANSITIONS, AgreementEvent[]> = {
    SignAgreement: [{ type: 'AgreementSigned', data: { agreementId: ID, agencyId: CN } }],
    SuspendAgreement: [{ type: 'AgreementSuspended', data: { agreementId: ID, byAgencyId: CN, reason: 'breach' } }],
    ResumeAgreement: [{ type: 'AgreementResumed', data: { agreementId: ID, byAgencyId: CN } }],
    TerminateAgreement: [{ type: 'AgreementTerminated', data: { agreementId: ID, byAgencyId: CN, reason: 'ended' } }],
  };
  const allowed: Record<AgreementStatus, Array<keyof typeof commands>> = {
    PROPOSED: ['SignAgreement', 'TerminateAgreement'],
    ACTIVE: ['SuspendAgreement', 'TerminateAgreement'],
    SUSPENDED: ['ResumeAgreement', 'TerminateAgreement'],
    TERMINATED: [],
  };
  const cases = (Object.keys(reached) as AgreementStatus[]).flatMap((status) =>
    (Object.keys(commands) as Array<keyof typeof commands>).map((command) => [status, command, allowed[status].includes(command)] as const),
  );

  it.each(cases)('from %s, %s allowed: %s', (status, command, isAllowed) => {
    const when = spec.given(reached[status]).when(commands[command]);
    if (isAllowed) {
      when.then(command === 'SignAgreement' ? [...expected.SignAgreement, { type: 'AgreementActivated', data: { agreementId: ID } }] : expected[command]);
    } else {
      const error = when.thenThrows('INVALID_TRANSITION', 'agreement.status-transition');
      expect(error.message).toContain(`current state ${status}`);
    }
  });

  it('is folded by evolve: ACTIVE → SUSPENDED → ACTIVE → TERMINATED', () => {
    const statuses = [...reached.ACTIVE, expected.SuspendAgreement[0], expected.ResumeAgreement[0], expected.TerminateAgreement[0]]
      .map((_, index, all) => all.slice(0, index + 1))
      .map((events) => events.reduce(agreementDecider.evolve, agreementDecider.initialState()))
      .map((state) => (state.exists ? state.status : 'NONE'));
    expect(statuses).toEqual(['PROPOSED', 'PROPOSED', 'PROPOSED', 'ACTIVE', 'SUSPENDED', 'ACTIVE', 'TERMINATED']);
  });
  it('requires a party admin for suspension, resumption and termination', () => {
    spec.given(reached.ACTIVE).when({ ...commands.SuspendAgreement, actor: admin(AT) }).thenThrows('FORBIDDEN', 'agreement.by-party-admin');
    spec.given(reached.SUSPENDED).when({ ...commands.ResumeAgreement, actor: investigator(FR) }).thenThrows('FORBIDDEN', 'agreement.by-party-admin');
    spec.given(reached.ACTIVE).when({ ...commands.TerminateAgreement, actor: admin(AT) }).thenThrows('FORBIDDEN', 'agreement.by-party-admin');
  });
  it('requires a reason to suspend or terminate', () => {
    spec.given(reached.ACTIVE).when({ type: 'SuspendAgreement', actor: admin(FR), data: { agreementId: ID, reason: '' } }).thenThrows('BAD_INPUT', 'agreement.suspend.reason-stated');
    spec.given(reached.ACTIVE).when({ type: 'TerminateAgreement', actor: admin(FR), data: { agreementId: ID, reason: '' } }).thenThrows('BAD_INPUT', 'agreement.terminate.reason-stated');
  });
});

describe('isAgreementInForce', () => {
  const window = { validFrom: '2025-01-01', validUntil: '2025-12-31' };
  it.each([
    ['ACTIVE, inside the validity', '2025-06-15T10:00:00Z', true, agreementState(window)],
    ['ACTIVE, on validFrom', '2025-01-01T00:00:00Z', true, agreementState(window)],
    ['ACTIVE, on the last second of validUntil', '2025-12-31T23:59:59Z', true, agreementState(window)],
    ['ACTIVE, before validFrom', '2024-12-31T23:59:59Z', false, agreementState(window)],
    ['ACTIVE, after validUntil', '2026-01-01T00:00:00Z', false, agreementState(window)],
    ['PROPOSED (not every party signed)', '2025-06-15T10:00:00Z', false, agreementState({ ...window, signedBy: [FR] })],
    ['SUSPENDED', '2025-06-15T10:00:00Z', false, agreementState(window, [{ type: 'AgreementSuspended', data: { agreementId: ID, byAgencyId: FR, reason: 'r' } }])],
    ['TERMINATED', '2025-06-15T10:00:00Z', false, agreementState(window, [{ type: 'AgreementTerminated', data: { agreementId: ID, byAgencyId: FR, reason: 'r' } }])],
    ['not existing', '2025-06-15T10:00:00Z', false, agreementDecider.initialState()],
  ] as const)('%s, at %s → %s', (_label, now, inForce, state) => {
    expect(isAgreementInForce(state, new Date(now))).toBe(inForce);
  });
  it('covers every category by default in the fixtures (sanity of the world used elsewhere)', () => {
    const state = agreementState();
    expect(state.exists && state.categories).toEqual(ALL_CATEGORIES);
  });
});
