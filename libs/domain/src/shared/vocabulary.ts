/**
 * The ledger's shared vocabulary: markings, data categories, roles and kinds.
 * Every list is a `const` array so validators, GraphQL enums and property-test generators
 * all draw from the same source.
 */

/** Traffic Light Protocol 2.0, least to most restrictive. */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];
export const tlpRank = (tlp: Tlp): number => TLP_LEVELS.indexOf(tlp);

/** Handling codes used between European law-enforcement authorities. */
export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];

/** 4×4 evaluation: source reliability and information credibility. */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'X'] as const;
export const INFORMATION_CREDIBILITY = ['1', '2', '3', '4'] as const;
export interface Evaluation {
  source: (typeof SOURCE_RELIABILITY)[number];
  information: (typeof INFORMATION_CREDIBILITY)[number];
}

/** The markings carried by every case, fact and clue. */
export interface Markings {
  tlp: Tlp;
  handling: HandlingCode[];
  /** The stated restriction when `handling` includes H3. */
  handlingNote?: string;
  evaluation?: Evaluation;
}

/** Field-level data categories; a recipient sees a field only if share, agreement and mandate all allow it. */
export const DATA_CATEGORIES = ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL', 'COMMUNICATIONS', 'TRAVEL_ROUTE', 'LOCATION'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/**
 * A personal-data field, tagged in the event itself with its data category so that every
 * view can redact it by category without knowing the event type.
 */
export interface PersonalField<T = string> {
  category: DataCategory;
  value: T;
}

export const CASE_KINDS = ['TRAFFICKING', 'SMUGGLING', 'IDENTIFICATION'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const ROLES = ['INVESTIGATOR', 'LIAISON_OFFICER', 'AGENCY_ADMIN', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

/** What an auditor may look at: its own agency's streams (and those it took part in), or everything (oversight bodies). */
export const AUDIT_SCOPES = ['OWN', 'ALL'] as const;
export type AuditScope = (typeof AUDIT_SCOPES)[number];

export const AGENCY_KINDS = ['POLICE', 'BORDER_GUARD', 'IMMIGRATION', 'JUDICIAL', 'LIAISON_NETWORK', 'INTERNATIONAL_ORGANISATION', 'OVERSIGHT'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const PERSON_ROLES = ['SUSPECT', 'VICTIM', 'WITNESS'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const ORGANISATION_KINDS = ['BUSINESS', 'RECRUITMENT_AGENCY', 'PARLOUR', 'TRAVEL_AGENCY', 'CRIMINAL_GROUP', 'OTHER'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const TRAVEL_METHODS = ['AIR', 'LAND', 'SEA', 'MIXED', 'UNKNOWN'] as const;
export type TravelMethod = (typeof TRAVEL_METHODS)[number];

export const AGREEMENT_STATUSES = ['PROPOSED', 'ACTIVE', 'SUSPENDED', 'TERMINATED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const CASE_STATUSES = ['OPEN', 'JOINT', 'CLOSED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLUE_KINDS = ['LEAD', 'IDENTIFICATION_REQUEST', 'INFORMATION_REQUEST'] as const;
export type ClueKind = (typeof CLUE_KINDS)[number];

/** Per-recipient clue lifecycle (DESIGN.md). */
export const CLUE_STATUSES = ['SUBMITTED', 'ACKNOWLEDGED', 'INFO_REQUESTED', 'INFO_PROVIDED', 'ACCEPTED', 'DECLINED', 'FEEDBACK_GIVEN', 'CLOSED', 'WITHDRAWN'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

/** Outcomes of feedback: an identification request ends with one of the first three. */
export const IDENTIFICATION_OUTCOMES = ['IDENTITY_CONFIRMED', 'IDENTITY_NOT_CONFIRMED', 'TRAVEL_DOCUMENT_ISSUED'] as const;
export const LEAD_OUTCOMES = ['USEFUL', 'NOT_USEFUL', 'LED_TO_ARREST', 'LED_TO_VICTIM_IDENTIFICATION', 'INVESTIGATION_ONGOING'] as const;
export type ClueOutcome = (typeof IDENTIFICATION_OUTCOMES)[number] | (typeof LEAD_OUTCOMES)[number];

/** Which category a person's identity fields fall under, by the person's role in the case. */
export function identityCategoryFor(role: PersonRole): DataCategory {
  return role === 'SUSPECT' ? 'SUSPECT_IDENTITY' : 'VICTIM_IDENTITY';
}
