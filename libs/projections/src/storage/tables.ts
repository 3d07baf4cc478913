/**
 * The read-model tables. `view_*` tables hold each agency's view: `agency_id` (the viewing agency)
 * is always the first key column and every reader query is bound to one value of it. `state_*`
 * tables hold the projector's internal, unredacted state and are never read by the view API.
 *
 * Text columns hold JSON documents; dates are ISO-8601 text (compare as text); booleans are 0/1
 * integers, so one schema and one set of queries serve SQLite and PostgreSQL.
 */

export interface ProjectionCheckpointTable {
  projection: string;
  /** Global position of the last applied event (0: none). */
  position: number | string;
  updated_at: string;
}

export interface StateAgencyTable {
  agency_id: string;
  doc: string;
}
export interface StateAgreementTable {
  agreement_id: string;
  doc: string;
}
/** Which agreements each agency is a party to. */
export interface StateAgreementPartyTable {
  agency_id: string;
  agreement_id: string;
}
export interface StateCaseTable {
  case_id: string;
  doc: string;
}
/** The facts of each case, one row each (a fact is never rewritten when another is added). */
export interface StateCaseFactTable {
  case_id: string;
  fact_id: string;
  position: number | string;
  doc: string;
}
/** Current (not revoked) shares: which cases each recipient holds, under which agreement. */
export interface StateCaseShareTable {
  case_id: string;
  recipient_agency_id: string;
  agreement_id: string;
}
export interface StateClueTable {
  clue_id: string;
  doc: string;
}
/** Which clues were sent to each recipient, under which agreement. */
export interface StateClueRecipientTable {
  clue_id: string;
  recipient_agency_id: string;
  agreement_id: string;
}

export interface ViewOfficerTable {
  agency_id: string;
  officer_id: string;
  name: string;
  /** JSON array of roles. */
  roles: string;
  audit_scope: string;
  suspended: number;
}
export interface ViewAgencyTable {
  agency_id: string;
  subject_agency_id: string;
  doc: string;
}
export interface ViewAgreementTable {
  agency_id: string;
  agreement_id: string;
  status: string;
  sort_key: number | string;
  doc: string;
}
export interface ViewCaseTable {
  agency_id: string;
  case_id: string;
  viewer_role: string;
  kind: string;
  status: string;
  tlp: string;
  owner_agency_id: string;
  /** Lower-cased title and summary, for text search. */
  search_text: string;
  sort_key: number | string;
  valid_from: string | null;
  valid_until: string | null;
  doc: string;
}
/** One fact of a visible case, as the viewing agency sees it; carries the case row's validity. */
export interface ViewCaseFactTable {
  agency_id: string;
  case_id: string;
  fact_id: string;
  sort_key: number | string;
  valid_from: string | null;
  valid_until: string | null;
  doc: string;
}
export interface ViewClueTable {
  agency_id: string;
  clue_id: string;
  box: string;
  kind: string;
  /** The viewer's own status for INBOX rows; null for OUTBOX rows (see view_clue_links). */
  status: string | null;
  sort_key: number | string;
  valid_from: string | null;
  valid_until: string | null;
  doc: string;
}
/** One sender→recipient pair of a visible clue, as the viewing agency sees it. */
export interface ViewClueLinkTable {
  agency_id: string;
  clue_id: string;
  partner_agency_id: string;
  box: string;
  kind: string;
  status: string;
  submitted_at: string;
  acknowledged_at: string | null;
  outcome: string | null;
  outcome_at: string | null;
  valid_from: string | null;
  valid_until: string | null;
}

export interface ReadModelTables {
  projection_checkpoint: ProjectionCheckpointTable;
  state_agencies: StateAgencyTable;
  state_agreements: StateAgreementTable;
  state_agreement_parties: StateAgreementPartyTable;
  state_cases: StateCaseTable;
  state_case_facts: StateCaseFactTable;
  state_case_shares: StateCaseShareTable;
  state_clues: StateClueTable;
  state_clue_recipients: StateClueRecipientTable;
  view_officers: ViewOfficerTable;
  view_agencies: ViewAgencyTable;
  view_agreements: ViewAgreementTable;
  view_cases: ViewCaseTable;
  view_case_facts: ViewCaseFactTable;
  view_clues: ViewClueTable;
  view_clue_links: ViewClueLinkTable;
}

export type ReadModelTableName = keyof ReadModelTables;

/** Every table, in the order a comparison or a dump lists them. */
export const READ_MODEL_TABLES: ReadonlyArray<{ name: ReadModelTableName; key: string[] }> = [
  { name: 'projection_checkpoint', key: ['projection'] },
  { name: 'state_agencies', key: ['agency_id'] },
  { name: 'state_agreements', key: ['agreement_id'] },
  { name: 'state_agreement_parties', key: ['agency_id', 'agreement_id'] },
  { name: 'state_cases', key: ['case_id'] },
  { name: 'state_case_facts', key: ['case_id', 'fact_id'] },
  { name: 'state_case_shares', key: ['case_id', 'recipient_agency_id'] },
  { name: 'state_clues', key: ['clue_id'] },
  { name: 'state_clue_recipients', key: ['clue_id', 'recipient_agency_id'] },
  { name: 'view_officers', key: ['agency_id', 'officer_id'] },
  { name: 'view_agencies', key: ['agency_id', 'subject_agency_id'] },
  { name: 'view_agreements', key: ['agency_id', 'agreement_id'] },
  { name: 'view_cases', key: ['agency_id', 'case_id'] },
  { name: 'view_case_facts', key: ['agency_id', 'case_id', 'fact_id'] },
  { name: 'view_clues', key: ['agency_id', 'clue_id'] },
  { name: 'view_clue_links', key: ['agency_id', 'clue_id', 'partner_agency_id'] },
];
