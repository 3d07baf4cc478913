import type { AgencyEvent } from '../agency/agency.events';
import { type AgencyState, evolveAgency, initialAgencyState } from '../agency/agency.state';
import type { AgreementEvent } from '../agreement/agreement.events';
import { type AgreementState, evolveAgreement, initialAgreementState } from '../agreement/agreement.state';
import type { Actor } from '../shared/actor';
import { type AgencyKind, type CaseKind, DATA_CATEGORIES, type DataCategory, type Markings, type Role, type Tlp } from '../shared/vocabulary';

/**
 * A small world for specs: a fixed clock, agencies named after real ones, actors, agreements.
 * Shared by the domain specs and the command-handler tests so both speak of the same world.
 */
export const NOW = new Date('2025-06-15T10:00:00.000Z');
export const TODAY = '2025-06-15';

export const FR = 'fr-ocreth';
export const CN = 'cn-mps-ocht';
export const AT = 'at-bk';
export const BG = 'bg-nccthb';
export const OVERSIGHT = 'eu-oversight';

export const ALL_CATEGORIES: DataCategory[] = [...DATA_CATEGORIES];

export function actor(agencyId: string, roles: Role[], officerId = `${agencyId}-officer`): Actor {
  return { officerId, agencyId, roles, auditScope: 'OWN' };
}
export const investigator = (agencyId: string): Actor => actor(agencyId, ['INVESTIGATOR'], `${agencyId}-investigator`);
export const liaison = (agencyId: string): Actor => actor(agencyId, ['LIAISON_OFFICER'], `${agencyId}-liaison`);
export const admin = (agencyId: string): Actor => actor(agencyId, ['AGENCY_ADMIN'], `${agencyId}-admin`);

export function markings(tlp: Tlp = 'AMBER', extra: Partial<Markings> = {}): Markings {
  return { tlp, handling: ['H0'], ...extra };
}

export function agencyEvents(agencyId: string, options: { kind?: AgencyKind; mandates?: DataCategory[]; country?: string } = {}): AgencyEvent[] {
  return [
    {
      type: 'AgencyRegistered',
      data: { agencyId, name: `Agency ${agencyId}`, country: options.country ?? 'FR', kind: options.kind ?? 'POLICE', mandates: options.mandates ?? ALL_CATEGORIES },
    },
    { type: 'OfficerRegistered', data: { agencyId, officerId: `${agencyId}-admin`, name: 'Admin', roles: ['AGENCY_ADMIN'], auditScope: 'OWN' } },
  ];
}

export function agencyState(agencyId: string, options: Parameters<typeof agencyEvents>[1] = {}): AgencyState {
  return agencyEvents(agencyId, options).reduce(evolveAgency, initialAgencyState());
}

export interface AgreementFixture {
  agreementId?: string;
  parties?: string[];
  scope?: CaseKind[];
  categories?: DataCategory[];
  maxTlp?: Tlp;
  validFrom?: string;
  validUntil?: string;
  /** Which parties signed; all by default (then the agreement is ACTIVE). */
  signedBy?: string[];
}

export function agreementEvents(fixture: AgreementFixture = {}): AgreementEvent[] {
  const agreementId = fixture.agreementId ?? 'agr-1';
  const parties = fixture.parties ?? [FR, CN];
  const events: AgreementEvent[] = [
    {
      type: 'AgreementProposed',
      data: {
        agreementId,
        title: `Agreement ${agreementId}`,
        parties,
        scope: fixture.scope ?? ['TRAFFICKING', 'SMUGGLING', 'IDENTIFICATION'],
        categories: fixture.categories ?? ALL_CATEGORIES,
        maxTlp: fixture.maxTlp ?? 'RED',
        validFrom: fixture.validFrom ?? '2025-01-01',
        validUntil: fixture.validUntil ?? '2027-12-31',
        proposedByAgencyId: parties[0],
      },
    },
  ];
  const signedBy = fixture.signedBy ?? parties;
  for (const agencyId of signedBy) events.push({ type: 'AgreementSigned', data: { agreementId, agencyId } });
  if (parties.every((party) => signedBy.includes(party))) events.push({ type: 'AgreementActivated', data: { agreementId } });
  return events;
}

export function agreementState(fixture: AgreementFixture = {}, more: AgreementEvent[] = []): AgreementState {
  return [...agreementEvents(fixture), ...more].reduce(evolveAgreement, initialAgreementState());
}
