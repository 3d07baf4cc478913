import type { CaseKind, DataCategory, Markings, OrganisationKind, PersonalField, PersonRole, TravelMethod } from '../shared/vocabulary';

/**
 * Stream `case-<caseId>`: a case owned by one agency, its facts, and its shares.
 * Personal data is carried as `PersonalField`s tagged with their data category, so views redact by category.
 * Fact markings may be stricter than the case's, never looser.
 */

export interface CaseOpened {
  type: 'CaseOpened';
  data: {
    caseId: string;
    ownerAgencyId: string;
    kind: CaseKind;
    title: string;
    summary: string;
    markings: Markings;
    /** Set when the case was opened to accept a clue. */
    openedForClueId?: string;
  };
}
export interface PersonRecorded {
  type: 'PersonRecorded';
  data: {
    caseId: string;
    personId: string;
    role: PersonRole;
    /** Identity fields: category VICTIM_IDENTITY for victims and witnesses, SUSPECT_IDENTITY for suspects. */
    fullName: PersonalField;
    dateOfBirth?: PersonalField;
    nationality?: PersonalField;
    documentNumber?: PersonalField;
    /** COMMUNICATIONS */
    phoneNumber?: PersonalField;
    /** LOCATION */
    address?: PersonalField;
    markings: Markings;
  };
}
export interface RouteRecorded {
  type: 'RouteRecorded';
  data: {
    caseId: string;
    routeId: string;
    /** TRAVEL_ROUTE: places (country code and optional city), in order. */
    origin: PersonalField;
    transit: PersonalField<string[]>;
    destination: PersonalField;
    method: TravelMethod;
    markings: Markings;
  };
}
export interface OrganisationRecorded {
  type: 'OrganisationRecorded';
  data: {
    caseId: string;
    organisationId: string;
    name: string;
    kind: OrganisationKind;
    country: string;
    /** LOCATION */
    address?: PersonalField;
    markings: Markings;
  };
}
export interface MoneyFlowRecorded {
  type: 'MoneyFlowRecorded';
  data: {
    caseId: string;
    flowId: string;
    /** FINANCIAL: account numbers (IBAN or other). */
    fromAccount: PersonalField;
    toAccount: PersonalField;
    amount: number;
    currency: string;
    /** YYYY-MM-DD */
    date: string;
    channel: string;
    markings: Markings;
  };
}
export interface NoteAdded {
  type: 'NoteAdded';
  data: { caseId: string; noteId: string; text: string; markings: Markings };
}
/**
 * The owner shares the case with one recipient under an agreement, with the chosen categories.
 * Sharing again with a recipient that already holds a share replaces that share (e.g. narrows it).
 */
export interface CaseShared {
  type: 'CaseShared';
  data: { caseId: string; recipientAgencyId: string; agreementId: string; categories: DataCategory[] };
}
export interface ShareRevoked {
  type: 'ShareRevoked';
  data: { caseId: string; recipientAgencyId: string; reason: string };
}
/** OPEN → JOINT: the owner declares a joint investigation with agencies the case is shared with. */
export interface JointInvestigationDeclared {
  type: 'JointInvestigationDeclared';
  data: { caseId: string; partnerAgencyIds: string[] };
}
export interface CaseClosed {
  type: 'CaseClosed';
  data: { caseId: string; reason: string };
}

export type CaseFactEvent = PersonRecorded | RouteRecorded | OrganisationRecorded | MoneyFlowRecorded | NoteAdded;
export type CaseEvent = CaseOpened | CaseFactEvent | CaseShared | ShareRevoked | JointInvestigationDeclared | CaseClosed;
