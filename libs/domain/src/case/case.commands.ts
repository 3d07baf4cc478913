import type { AgencyState } from '../agency/agency.state';
import type { AgreementState } from '../agreement/agreement.state';
import type { DomainCommand, DecisionContext } from '../shared/command';
import type { Place } from '../shared/places';
import type { CaseKind, DataCategory, Markings, OrganisationKind, PersonRole, TravelMethod } from '../shared/vocabulary';

/**
 * Commands carry plain values for personal data; the decision tags each with its data category,
 * so a caller cannot file a victim's name under a looser category.
 */
export interface CaseDraft {
  caseId: string;
  kind: CaseKind;
  title: string;
  summary: string;
  markings: Markings;
}

export type OpenCase = DomainCommand<'OpenCase', CaseDraft & { openedForClueId?: string }>;
export type RecordPerson = DomainCommand<
  'RecordPerson',
  {
    caseId: string;
    personId: string;
    role: PersonRole;
    fullName: string;
    dateOfBirth?: string;
    nationality?: string;
    documentNumber?: string;
    phoneNumber?: string;
    address?: string;
    markings: Markings;
  }
>;
export type RecordRoute = DomainCommand<
  'RecordRoute',
  { caseId: string; routeId: string; origin: Place; transit: Place[]; destination: Place; method: TravelMethod; markings: Markings }
>;
export type RecordOrganisation = DomainCommand<
  'RecordOrganisation',
  { caseId: string; organisationId: string; name: string; kind: OrganisationKind; country: string; address?: string; markings: Markings }
>;
export type RecordMoneyFlow = DomainCommand<
  'RecordMoneyFlow',
  {
    caseId: string;
    flowId: string;
    fromAccount: string;
    toAccount: string;
    amount: number;
    currency: string;
    /** YYYY-MM-DD */
    date: string;
    channel: string;
    markings: Markings;
  }
>;
export type AddNote = DomainCommand<'AddNote', { caseId: string; noteId: string; text: string; markings: Markings }>;
export type ShareCase = DomainCommand<'ShareCase', { caseId: string; recipientAgencyIds: string[]; agreementId: string; categories: DataCategory[] }>;
export type RevokeShare = DomainCommand<'RevokeShare', { caseId: string; recipientAgencyId: string; reason: string }>;
export type DeclareJointInvestigation = DomainCommand<'DeclareJointInvestigation', { caseId: string; partnerAgencyIds: string[] }>;
export type CloseCase = DomainCommand<'CloseCase', { caseId: string; reason: string }>;

export type RecordFactCommand = RecordPerson | RecordRoute | RecordOrganisation | RecordMoneyFlow | AddNote;
export type CaseCommand = OpenCase | RecordFactCommand | ShareCase | RevokeShare | DeclareJointInvestigation | CloseCase;

export interface CaseDecisionContext extends DecisionContext {
  /** For ShareCase: the agreement named by the command (initial state if it does not exist). */
  agreement?: AgreementState;
  /** For ShareCase: each recipient agency's state. */
  recipients?: Record<string, AgencyState>;
}
