import { SYSTEM_ACTOR } from '../shared/actor';
import { deciderSpec } from '../testing/decider-spec';
import { actor, admin, agencyEvents, ALL_CATEGORIES, FR, investigator, NOW, OVERSIGHT } from '../testing/fixtures';
import type { AgencyOnboarding } from './agency.commands';
import type { AgencyEvent } from './agency.events';
import { evolveAgency, initialAgencyState } from './agency.state';
import { agencyStreamName } from './agency.stream';
import { agencyDecider } from './index';
import { resolveActor } from './resolve-actor';

const spec = deciderSpec(agencyDecider, { now: NOW });
const NEW = 'nordic-plo-beijing';

function onboarding(overrides: Partial<AgencyOnboarding> = {}): AgencyOnboarding {
  return {
    agencyId: NEW,
    name: 'Nordic Police Liaison Office Beijing',
    country: 'CN',
    kind: 'LIAISON_NETWORK',
    mandates: ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE'],
    admin: { officerId: 'nordic-admin', name: 'Ingrid', roles: ['AGENCY_ADMIN'], auditScope: 'OWN' },
    ...overrides,
  };
}

const onboarded: AgencyEvent[] = [
  { type: 'AgencyRegistered', data: { agencyId: NEW, name: 'Nordic Police Liaison Office Beijing', country: 'CN', kind: 'LIAISON_NETWORK', mandates: ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE'] } },
  { type: 'OfficerRegistered', data: { agencyId: NEW, officerId: 'nordic-admin', name: 'Ingrid', roles: ['AGENCY_ADMIN'], auditScope: 'OWN' } },
];

const frWithInvestigator: AgencyEvent[] = [
  ...agencyEvents(FR),
  { type: 'OfficerRegistered', data: { agencyId: FR, officerId: 'fr-jdupont', name: 'J. Dupont', roles: ['INVESTIGATOR'], auditScope: 'OWN' } },
];

describe('agency streams', () => {
  it('are named agency-<id>', () => {
    expect(agencyStreamName('fr-ocreth')).toBe('agency-fr-ocreth');
  });
});

describe('BootstrapLedger', () => {
  it('creates the first agency and its first admin on an empty ledger', () => {
    spec.given([]).when({ type: 'BootstrapLedger', actor: SYSTEM_ACTOR, data: onboarding() }, { ledgerIsEmpty: true }).then(onboarded);
  });
  it('is refused once the ledger holds events', () => {
    spec
      .given([])
      .when({ type: 'BootstrapLedger', actor: SYSTEM_ACTOR, data: onboarding() }, { ledgerIsEmpty: false })
      .thenThrows('RULE_VIOLATION', 'ledger.bootstrap.only-on-empty-ledger');
  });
  it('is refused when the handler did not establish that the ledger is empty', () => {
    spec.given([]).when({ type: 'BootstrapLedger', actor: SYSTEM_ACTOR, data: onboarding() }).thenThrows('RULE_VIOLATION', 'ledger.bootstrap.only-on-empty-ledger');
  });
  it('is only for the system, not for an officer', () => {
    spec.given([]).when({ type: 'BootstrapLedger', actor: admin(FR), data: onboarding() }, { ledgerIsEmpty: true }).thenThrows('FORBIDDEN', 'ledger.bootstrap.by-system');
  });
  it('needs the first officer to be an AGENCY_ADMIN', () => {
    const data = onboarding({ admin: { officerId: 'x-1', name: 'X', roles: ['INVESTIGATOR'], auditScope: 'OWN' } });
    spec.given([]).when({ type: 'BootstrapLedger', actor: SYSTEM_ACTOR, data }, { ledgerIsEmpty: true }).thenThrows('BAD_INPUT', 'agency.first-officer-is-admin');
  });
  it('refuses the reserved agency id "system"', () => {
    spec
      .given([])
      .when({ type: 'BootstrapLedger', actor: SYSTEM_ACTOR, data: onboarding({ agencyId: 'system' }) }, { ledgerIsEmpty: true })
      .thenThrows('BAD_INPUT', 'agency.id-not-reserved');
  });
});

describe('RegisterAgency', () => {
  it('lets an AGENCY_ADMIN of a registered agency onboard a new agency with its first admin', () => {
    spec.given([]).when({ type: 'RegisterAgency', actor: admin(FR), data: onboarding() }).then(onboarded);
  });
  it('is refused to officers without AGENCY_ADMIN', () => {
    spec.given([]).when({ type: 'RegisterAgency', actor: investigator(FR), data: onboarding() }).thenThrows('FORBIDDEN', 'agency.register.by-agency-admin');
  });
  it('refuses an agency id already registered', () => {
    spec.given(onboarded).when({ type: 'RegisterAgency', actor: admin(FR), data: onboarding() }).thenThrows('ALREADY_EXISTS', 'agency.unique');
  });
  it('refuses repeated mandates', () => {
    spec
      .given([])
      .when({ type: 'RegisterAgency', actor: admin(FR), data: onboarding({ mandates: ['FINANCIAL', 'FINANCIAL'] }) })
      .thenThrows('BAD_INPUT', 'agency.mandates-distinct');
  });
  it('refuses a blank name', () => {
    spec.given([]).when({ type: 'RegisterAgency', actor: admin(FR), data: onboarding({ name: '  ' }) }).thenThrows('BAD_INPUT', 'agency.name-given');
  });
  it('grants audit scope ALL only in OVERSIGHT agencies', () => {
    const auditorAdmin = { officerId: 'ov-admin', name: 'Auditor', roles: ['AGENCY_ADMIN', 'AUDITOR'] as const, auditScope: 'ALL' as const };
    const data = onboarding({ agencyId: OVERSIGHT, kind: 'OVERSIGHT', admin: { ...auditorAdmin, roles: [...auditorAdmin.roles] } });
    const [, officer] = spec.given([]).when({ type: 'RegisterAgency', actor: admin(FR), data }).then([
      { type: 'AgencyRegistered', data: { agencyId: OVERSIGHT, name: data.name, country: 'CN', kind: 'OVERSIGHT', mandates: data.mandates } },
      { type: 'OfficerRegistered', data: { agencyId: OVERSIGHT, officerId: 'ov-admin', name: 'Auditor', roles: ['AGENCY_ADMIN', 'AUDITOR'], auditScope: 'ALL' } },
    ]);
    expect(officer.type).toBe('OfficerRegistered');
    spec
      .given([])
      .when({ type: 'RegisterAgency', actor: admin(FR), data: { ...data, agencyId: NEW, kind: 'POLICE' } })
      .thenThrows('RULE_VIOLATION', 'officer.audit-scope-all-only-for-oversight');
  });
});

describe('ChangeAgencyMandates', () => {
  it('records the new mandates', () => {
    spec
      .given(agencyEvents(FR))
      .when({ type: 'ChangeAgencyMandates', actor: admin(FR), data: { agencyId: FR, mandates: ['FINANCIAL'] } })
      .then([{ type: 'AgencyMandatesChanged', data: { agencyId: FR, mandates: ['FINANCIAL'] } }]);
  });
  it('records nothing when the mandates do not change (order aside)', () => {
    spec
      .given(agencyEvents(FR))
      .when({ type: 'ChangeAgencyMandates', actor: admin(FR), data: { agencyId: FR, mandates: [...ALL_CATEGORIES].reverse() } })
      .then([]);
  });
  it('is for admins of that agency only', () => {
    spec
      .given(agencyEvents(FR))
      .when({ type: 'ChangeAgencyMandates', actor: admin('at-bk'), data: { agencyId: FR, mandates: [] } })
      .thenThrows('FORBIDDEN', 'agency.administered-by-own-admins');
    spec
      .given(agencyEvents(FR))
      .when({ type: 'ChangeAgencyMandates', actor: investigator(FR), data: { agencyId: FR, mandates: [] } })
      .thenThrows('FORBIDDEN', 'agency.administered-by-own-admins');
  });
  it('needs a registered agency', () => {
    spec.given([]).when({ type: 'ChangeAgencyMandates', actor: admin(FR), data: { agencyId: FR, mandates: [] } }).thenThrows('NOT_FOUND', 'agency.exists');
  });
  it('refuses repeated mandates', () => {
    spec
      .given(agencyEvents(FR))
      .when({ type: 'ChangeAgencyMandates', actor: admin(FR), data: { agencyId: FR, mandates: ['LOCATION', 'LOCATION'] } })
      .thenThrows('BAD_INPUT', 'agency.mandates-distinct');
  });
});

describe('RegisterOfficer', () => {
  const register = (data: Partial<{ officerId: string; roles: any[]; auditScope: 'OWN' | 'ALL' }>, given = agencyEvents(FR), agencyId = FR) =>
    spec.given(given).when({
      type: 'RegisterOfficer',
      actor: admin(agencyId),
      data: { agencyId, officerId: 'fr-jdupont', name: 'J. Dupont', roles: ['INVESTIGATOR'], auditScope: 'OWN', ...data },
    });

  it('registers an officer with roles and audit scope', () => {
    register({}).then([{ type: 'OfficerRegistered', data: { agencyId: FR, officerId: 'fr-jdupont', name: 'J. Dupont', roles: ['INVESTIGATOR'], auditScope: 'OWN' } }]);
  });
  it('needs the officer’s name', () => {
    spec
      .given(agencyEvents(FR))
      .when({ type: 'RegisterOfficer', actor: admin(FR), data: { agencyId: FR, officerId: 'x-1', name: ' ', roles: ['INVESTIGATOR'], auditScope: 'OWN' } })
      .thenThrows('BAD_INPUT', 'officer.name-given');
  });
  it('refuses an officer id already registered with the agency', () => {
    register({}, frWithInvestigator).thenThrows('ALREADY_EXISTS', 'officer.unique');
  });
  it('does not mistake Object.prototype members for registered officers', () => {
    register({ officerId: 'constructor' }).then([
      { type: 'OfficerRegistered', data: { agencyId: FR, officerId: 'constructor', name: 'J. Dupont', roles: ['INVESTIGATOR'], auditScope: 'OWN' } },
    ]);
  });
  it('needs at least one role, each once', () => {
    register({ roles: [] }).thenThrows('BAD_INPUT', 'officer.roles-given');
    register({ roles: ['INVESTIGATOR', 'INVESTIGATOR'] }).thenThrows('BAD_INPUT', 'officer.roles-given');
  });
  it('grants audit scope ALL only to AUDITORs of OVERSIGHT agencies', () => {
    register({ roles: ['AUDITOR'], auditScope: 'ALL' }).thenThrows('RULE_VIOLATION', 'officer.audit-scope-all-only-for-oversight');
    const oversight = agencyEvents(OVERSIGHT, { kind: 'OVERSIGHT' });
    register({ roles: ['INVESTIGATOR'], auditScope: 'ALL' }, oversight, OVERSIGHT).thenThrows('RULE_VIOLATION', 'officer.audit-scope-all-needs-auditor-role');
    register({ roles: ['AUDITOR'], auditScope: 'ALL' }, oversight, OVERSIGHT).then([
      { type: 'OfficerRegistered', data: { agencyId: OVERSIGHT, officerId: 'fr-jdupont', name: 'J. Dupont', roles: ['AUDITOR'], auditScope: 'ALL' } },
    ]);
  });
  it('is for admins of that agency only', () => {
    spec
      .given(agencyEvents(FR))
      .when({ type: 'RegisterOfficer', actor: investigator(FR), data: { agencyId: FR, officerId: 'x-1', name: 'X', roles: ['INVESTIGATOR'], auditScope: 'OWN' } })
      .thenThrows('FORBIDDEN', 'agency.administered-by-own-admins');
  });
});

describe('ChangeOfficerRoles', () => {
  it('records the officer’s new roles', () => {
    spec
      .given(frWithInvestigator)
      .when({ type: 'ChangeOfficerRoles', actor: admin(FR), data: { agencyId: FR, officerId: 'fr-jdupont', roles: ['INVESTIGATOR', 'LIAISON_OFFICER'], auditScope: 'OWN' } })
      .then([{ type: 'OfficerRolesChanged', data: { agencyId: FR, officerId: 'fr-jdupont', roles: ['INVESTIGATOR', 'LIAISON_OFFICER'], auditScope: 'OWN' } }]);
  });
  it('records nothing when nothing changes', () => {
    spec
      .given(frWithInvestigator)
      .when({ type: 'ChangeOfficerRoles', actor: admin(FR), data: { agencyId: FR, officerId: 'fr-jdupont', roles: ['INVESTIGATOR'], auditScope: 'OWN' } })
      .then([]);
  });
  it('needs a registered officer', () => {
    spec
      .given(agencyEvents(FR))
      .when({ type: 'ChangeOfficerRoles', actor: admin(FR), data: { agencyId: FR, officerId: 'nobody', roles: ['INVESTIGATOR'], auditScope: 'OWN' } })
      .thenThrows('NOT_FOUND', 'officer.exists');
  });
  it('never leaves the agency without an active AGENCY_ADMIN', () => {
    spec
      .given(agencyEvents(FR))
      .when({ type: 'ChangeOfficerRoles', actor: admin(FR), data: { agencyId: FR, officerId: `${FR}-admin`, roles: ['INVESTIGATOR'], auditScope: 'OWN' } })
      .thenThrows('RULE_VIOLATION', 'agency.keeps-an-active-admin');
  });
  it('applies the audit-scope rules', () => {
    spec
      .given(frWithInvestigator)
      .when({ type: 'ChangeOfficerRoles', actor: admin(FR), data: { agencyId: FR, officerId: 'fr-jdupont', roles: ['AUDITOR'], auditScope: 'ALL' } })
      .thenThrows('RULE_VIOLATION', 'officer.audit-scope-all-only-for-oversight');
  });
});

describe('SuspendOfficer and ReinstateOfficer', () => {
  const suspended: AgencyEvent[] = [...frWithInvestigator, { type: 'OfficerSuspended', data: { agencyId: FR, officerId: 'fr-jdupont', reason: 'inquiry' } }];

  it('suspends an active officer, with a reason', () => {
    spec
      .given(frWithInvestigator)
      .when({ type: 'SuspendOfficer', actor: admin(FR), data: { agencyId: FR, officerId: 'fr-jdupont', reason: 'inquiry' } })
      .then([{ type: 'OfficerSuspended', data: { agencyId: FR, officerId: 'fr-jdupont', reason: 'inquiry' } }]);
    spec
      .given(frWithInvestigator)
      .when({ type: 'SuspendOfficer', actor: admin(FR), data: { agencyId: FR, officerId: 'fr-jdupont', reason: ' ' } })
      .thenThrows('BAD_INPUT', 'officer.suspend.reason-stated');
  });
  it('refuses to suspend a suspended officer, naming both states', () => {
    const error = spec
      .given(suspended)
      .when({ type: 'SuspendOfficer', actor: admin(FR), data: { agencyId: FR, officerId: 'fr-jdupont', reason: 'again' } })
      .thenThrows('INVALID_TRANSITION', 'officer.status-transition');
    expect(error.message).toContain('current state SUSPENDED');
  });
  it('never suspends the last active admin', () => {
    spec
      .given(agencyEvents(FR))
      .when({ type: 'SuspendOfficer', actor: admin(FR), data: { agencyId: FR, officerId: `${FR}-admin`, reason: 'x' } })
      .thenThrows('RULE_VIOLATION', 'agency.keeps-an-active-admin');
  });
  it('reinstates only a suspended officer', () => {
    spec
      .given(suspended)
      .when({ type: 'ReinstateOfficer', actor: admin(FR), data: { agencyId: FR, officerId: 'fr-jdupont' } })
      .then([{ type: 'OfficerReinstated', data: { agencyId: FR, officerId: 'fr-jdupont' } }]);
    spec
      .given(frWithInvestigator)
      .when({ type: 'ReinstateOfficer', actor: admin(FR), data: { agencyId: FR, officerId: 'fr-jdupont' } })
      .thenThrows('INVALID_TRANSITION', 'officer.status-transition');
  });
  it('is for admins of that agency only', () => {
    spec
      .given(frWithInvestigator)
      .when({ type: 'SuspendOfficer', actor: admin('at-bk'), data: { agencyId: FR, officerId: 'fr-jdupont', reason: 'x' } })
      .thenThrows('FORBIDDEN', 'agency.administered-by-own-admins');
    spec
      .given(suspended)
      .when({ type: 'ReinstateOfficer', actor: investigator(FR), data: { agencyId: FR, officerId: 'fr-jdupont' } })
      .thenThrows('FORBIDDEN', 'agency.administered-by-own-admins');
  });
});

describe('evolveAgency and resolveActor', () => {
  const history: AgencyEvent[] = [
    ...frWithInvestigator,
    { type: 'OfficerRolesChanged', data: { agencyId: FR, officerId: 'fr-jdupont', roles: ['LIAISON_OFFICER'], auditScope: 'OWN' } },
    { type: 'AgencyMandatesChanged', data: { agencyId: FR, mandates: ['LOCATION'] } },
  ];
  const state = history.reduce(evolveAgency, initialAgencyState());

  it('folds an agency stream', () => {
    expect(state).toEqual({
      exists: true,
      agencyId: FR,
      name: `Agency ${FR}`,
      country: 'FR',
      kind: 'POLICE',
      mandates: ['LOCATION'],
      officers: {
        [`${FR}-admin`]: { officerId: `${FR}-admin`, name: 'Admin', roles: ['AGENCY_ADMIN'], auditScope: 'OWN', suspended: false },
        'fr-jdupont': { officerId: 'fr-jdupont', name: 'J. Dupont', roles: ['LIAISON_OFFICER'], auditScope: 'OWN', suspended: false },
      },
    });
  });
  it('takes roles from the ledger, not from the claim', () => {
    expect(resolveActor(state, { officerId: 'fr-jdupont', agencyId: FR })).toEqual(actor(FR, ['LIAISON_OFFICER'], 'fr-jdupont'));
  });
  it('refuses unknown officers and officers of another agency', () => {
    expect(() => resolveActor(state, { officerId: 'nobody', agencyId: FR })).toThrow(/^actor.registered-officer: /);
    expect(() => resolveActor(state, { officerId: 'fr-jdupont', agencyId: 'at-bk' })).toThrow(/^actor.registered-officer: /);
    expect(() => resolveActor(initialAgencyState(), { officerId: 'fr-jdupont', agencyId: FR })).toThrow(/^actor.registered-officer: /);
  });
  it('refuses suspended officers: they can do nothing', () => {
    const suspended = evolveAgency(state, { type: 'OfficerSuspended', data: { agencyId: FR, officerId: 'fr-jdupont', reason: 'inquiry' } });
    expect(() => resolveActor(suspended, { officerId: 'fr-jdupont', agencyId: FR })).toThrow(expect.objectContaining({ code: 'FORBIDDEN', rule: 'actor.not-suspended' }));
    const reinstated = evolveAgency(suspended, { type: 'OfficerReinstated', data: { agencyId: FR, officerId: 'fr-jdupont' } });
    expect(resolveActor(reinstated, { officerId: 'fr-jdupont', agencyId: FR }).roles).toEqual(['LIAISON_OFFICER']);
  });
});
