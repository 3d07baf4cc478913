/**
 * The only way to read the views: a reader bound to one agency, whose every query is restricted
 * to that agency's rows (`agency_id = <viewer>`), so no caller can forget the filter.
 *
 * Agreement validity is a date range, and dates pass without events: recipient rows carry the
 * agreement's validFrom/validUntil and every query keeps only rows valid on the reader's `today`
 * (the current UTC date, or a fixed date for point-in-time views).
 */
import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { ForbiddenError } from '@ledger/domain/shared/errors';
import type { AgreementStatus, AuditScope, CaseKind, CaseStatus, ClueKind, ClueStatus, Role, Tlp } from '@ledger/domain/shared/vocabulary';
import { type CalendarDate, calendarDateOf, isAgreementInForce } from '../access-policy/access-policy';
import type { ReadModel } from '../storage/read-model';
import type { ReadModelTables } from '../storage/tables';
import type { AgencyView, AgreementView, CaseHeaderView, CaseView, ClueBox, ClueView, FactView, OfficerView } from '../views/view-types';
import { daysBetween, percentile } from './percentiles';
import { type Page, type PageRequest, pageWindow, toPage } from './paging';

export interface CaseFilter {
  kind?: CaseKind | null;
  status?: CaseStatus | null;
  tlp?: Tlp | null;
  ownerAgencyId?: string | null;
  /** Case-insensitive substring of the title or summary. */
  text?: string | null;
}

export interface ClueFilter {
  /** INBOX: clues received; OUTBOX: clues sent; both when omitted. */
  box?: ClueBox | null;
  /** INBOX: the viewer's own status; OUTBOX: any recipient's status. */
  status?: ClueStatus | null;
  kind?: ClueKind | null;
}

/** Counts and response times of one direction of clues between the viewer and one partner. */
export interface ClueFlowStats {
  clues: number;
  acknowledged: number;
  accepted: number;
  declined: number;
  /** From submission to the recipient's acknowledgement. */
  daysToAcknowledge: { median: number | null; p90: number | null };
  /** From submission to acceptance or decline. */
  daysToOutcome: { median: number | null; p90: number | null };
}

export interface PartnerCooperation {
  partnerAgencyId: string;
  /** Clues the viewer sent to the partner: how the partner responds. */
  sent: ClueFlowStats;
  /** Clues the partner sent to the viewer: how the viewer responds. */
  received: ClueFlowStats;
}

export interface ReaderOptions {
  /** Fixed calendar date for agreement validity (point-in-time views); otherwise today's UTC date. */
  today?: CalendarDate;
  /** The clock giving "today" when `today` is not fixed. */
  clock?: () => Date;
}

type Db = Kysely<ReadModelTables>;
type ValidityTable = 'view_cases' | 'view_case_facts' | 'view_clues' | 'view_clue_links';

/** Creates agency-bound readers over one read model. */
export class ViewReader {
  constructor(
    private readonly readModel: ReadModel,
    private readonly options: ReaderOptions = {},
  ) {}

  /** Everything agency `agencyId` may see. */
  forAgency(agencyId: string, options: ReaderOptions = {}): AgencyViewReader {
    return new AgencyViewReader(this.readModel.queryDb, requireId(agencyId, 'agencyId'), { ...this.options, ...options });
  }

  /** What an officer sees: their agency's view, their own record, and (AGENCY_ADMIN only) their agency's officers. */
  forViewer(viewer: { agencyId: string; officerId: string }, options: ReaderOptions = {}): ViewerReader {
    return new ViewerReader(this.readModel.queryDb, requireId(viewer.agencyId, 'agencyId'), requireId(viewer.officerId, 'officerId'), { ...this.options, ...options });
  }
}

export class AgencyViewReader {
  constructor(
    protected readonly db: Db,
    readonly agencyId: string,
    private readonly options: ReaderOptions,
  ) {}

  /** The calendar date agreement validity is judged on. */
  today(): CalendarDate {
    return this.options.today ?? calendarDateOf((this.options.clock ?? (() => new Date()))());
  }

  // ── agencies ────────────────────────────────────────────────────────────

  /** The viewer's agency and every co-party of an agreement it is a party to. */
  async agencies(): Promise<AgencyView[]> {
    const rows = await this.db.selectFrom('view_agencies').select('doc').where('agency_id', '=', this.agencyId).orderBy('subject_agency_id').execute();
    return rows.map((row) => JSON.parse(row.doc) as AgencyView);
  }

  async agency(id: string): Promise<AgencyView | null> {
    return (await this.getAgenciesByIds([id]))[0];
  }

  async getAgenciesByIds(ids: readonly string[]): Promise<Array<AgencyView | null>> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('view_agencies').select(['subject_agency_id as id', 'doc']).where('agency_id', '=', this.agencyId).where('subject_agency_id', 'in', [...new Set(ids)]).execute();
    return inOrder(ids, rows, (doc) => JSON.parse(doc) as AgencyView);
  }

  // ── agreements ──────────────────────────────────────────────────────────

  /** Every agreement the viewer's agency is a party to, in every status (or one status). */
  async agreements(filter: { status?: AgreementStatus | null } = {}): Promise<AgreementView[]> {
    let query = this.db.selectFrom('view_agreements').select('doc').where('agency_id', '=', this.agencyId);
    if (filter.status) query = query.where('status', '=', filter.status);
    const rows = await query.orderBy('sort_key', 'desc').execute();
    return rows.map((row) => this.withInForce(row.doc));
  }

  async agreement(id: string): Promise<AgreementView | null> {
    return (await this.getAgreementsByIds([id]))[0];
  }

  async getAgreementsByIds(ids: readonly string[]): Promise<Array<AgreementView | null>> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('view_agreements').select(['agreement_id as id', 'doc']).where('agency_id', '=', this.agencyId).where('agreement_id', 'in', [...new Set(ids)]).execute();
    return inOrder(ids, rows, (doc) => this.withInForce(doc));
  }

  private withInForce(doc: string): AgreementView {
    const view = JSON.parse(doc) as Omit<AgreementView, 'inForce'>;
    return { ...view, inForce: isAgreementInForce(view, this.today()) };
  }

  // ── cases ───────────────────────────────────────────────────────────────

  /** Cases visible to the viewer, newest first. */
  async cases(filter: CaseFilter = {}, page?: PageRequest): Promise<Page<CaseView>> {
    const { size, afterSortKey } = pageWindow(page);
    let query = this.valid(this.db.selectFrom('view_cases').select(['case_id', 'doc', 'sort_key']).where('agency_id', '=', this.agencyId), 'view_cases');
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.tlp) query = query.where('tlp', '=', filter.tlp);
    if (filter.ownerAgencyId) query = query.where('owner_agency_id', '=', filter.ownerAgencyId);
    if (filter.text && filter.text.trim() !== '') query = query.where(sql<boolean>`search_text like ${likePattern(filter.text)} escape '\\'`);
    if (afterSortKey !== null) query = query.where('sort_key', '<', afterSortKey);
    const rows = await query.orderBy('sort_key', 'desc').limit(size + 1).execute();
    const facts = await this.factsOf(rows.slice(0, size).map((row) => row.case_id));
    return toPage(rows, size, (row) => withFacts(row.doc, facts.get(row.case_id)));
  }

  /** One case with its facts, or null if it does not exist or is not visible. */
  async case(id: string): Promise<CaseView | null> {
    return (await this.getCasesByIds([id]))[0];
  }

  async getCasesByIds(ids: readonly string[]): Promise<Array<CaseView | null>> {
    if (ids.length === 0) return [];
    const rows = await this.valid(
      this.db.selectFrom('view_cases').select(['case_id as id', 'doc']).where('agency_id', '=', this.agencyId).where('case_id', 'in', [...new Set(ids)]),
      'view_cases',
    ).execute();
    const facts = await this.factsOf(rows.map((row) => row.id));
    const docs = rows.map((row) => ({ id: row.id, doc: row.doc }));
    return inOrder(ids, docs, (doc, id) => withFacts(doc, facts.get(id)));
  }

  /** The facts of visible cases, in recording order. */
  private async factsOf(caseIds: string[]): Promise<Map<string, FactView[]>> {
    const facts = new Map<string, FactView[]>();
    if (caseIds.length === 0) return facts;
    const rows = await this.valid(
      this.db.selectFrom('view_case_facts').select(['case_id', 'doc']).where('agency_id', '=', this.agencyId).where('case_id', 'in', caseIds),
      'view_case_facts',
    )
      .orderBy('case_id')
      .orderBy('sort_key')
      .execute();
    for (const row of rows) {
      const list = facts.get(row.case_id) ?? [];
      list.push(JSON.parse(row.doc) as FactView);
      facts.set(row.case_id, list);
    }
    return facts;
  }

  // ── clues ───────────────────────────────────────────────────────────────

  /** Clues sent or received by the viewer, newest first. */
  async clues(filter: ClueFilter = {}, page?: PageRequest): Promise<Page<ClueView>> {
    const { size, afterSortKey } = pageWindow(page);
    let query = this.valid(this.db.selectFrom('view_clues').select(['doc', 'sort_key']).where('agency_id', '=', this.agencyId), 'view_clues');
    if (filter.box) query = query.where('box', '=', filter.box);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.status) {
      const status = filter.status;
      query = query.where('clue_id', 'in', (eb: ExpressionBuilder<ReadModelTables, 'view_clues'>) =>
        eb.selectFrom('view_clue_links').select('view_clue_links.clue_id').where('view_clue_links.agency_id', '=', this.agencyId).where('view_clue_links.status', '=', status),
      );
    }
    if (afterSortKey !== null) query = query.where('sort_key', '<', afterSortKey);
    const rows = await query.orderBy('sort_key', 'desc').limit(size + 1).execute();
    return toPage(rows, size, (row) => JSON.parse(row.doc) as ClueView);
  }

  /** One clue with its step history, or null if it does not exist or is not visible. */
  async clue(id: string): Promise<ClueView | null> {
    return (await this.getCluesByIds([id]))[0];
  }

  async getCluesByIds(ids: readonly string[]): Promise<Array<ClueView | null>> {
    if (ids.length === 0) return [];
    const rows = await this.valid(
      this.db.selectFrom('view_clues').select(['clue_id as id', 'doc']).where('agency_id', '=', this.agencyId).where('clue_id', 'in', [...new Set(ids)]),
      'view_clues',
    ).execute();
    return inOrder(ids, rows, (doc) => JSON.parse(doc) as ClueView);
  }

  /** Per partner agency, from the clues visible to the viewer: counts and response times each way. */
  async cooperationStats(): Promise<PartnerCooperation[]> {
    const links = await this.valid(
      this.db
        .selectFrom('view_clue_links')
        .select(['partner_agency_id', 'box', 'submitted_at', 'acknowledged_at', 'outcome', 'outcome_at'])
        .where('agency_id', '=', this.agencyId),
      'view_clue_links',
    ).execute();
    const byPartner = new Map<string, { sent: typeof links; received: typeof links }>();
    for (const link of links) {
      const entry = byPartner.get(link.partner_agency_id) ?? { sent: [], received: [] };
      (link.box === 'OUTBOX' ? entry.sent : entry.received).push(link);
      byPartner.set(link.partner_agency_id, entry);
    }
    return [...byPartner.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([partnerAgencyId, flows]) => ({ partnerAgencyId, sent: flowStats(flows.sent), received: flowStats(flows.received) }));
  }

  // ── officers of the viewer's own agency ─────────────────────────────────

  protected async ownOfficer(officerId: string): Promise<OfficerView | null> {
    const row = await this.db.selectFrom('view_officers').selectAll().where('agency_id', '=', this.agencyId).where('officer_id', '=', officerId).executeTakeFirst();
    return row ? officerFromRow(row) : null;
  }

  protected async ownOfficers(): Promise<OfficerView[]> {
    const rows = await this.db.selectFrom('view_officers').selectAll().where('agency_id', '=', this.agencyId).orderBy('officer_id').execute();
    return rows.map(officerFromRow);
  }

  /** Keeps only rows whose agreement validity window contains today. */
  private valid<T extends ValidityTable, O>(query: SelectQueryBuilder<ReadModelTables, T, O>, table: T): SelectQueryBuilder<ReadModelTables, T, O> {
    const today = this.today();
    const from = sql.ref(`${table}.valid_from`);
    const until = sql.ref(`${table}.valid_until`);
    return query.where(sql<boolean>`(${from} is null or ${from} <= ${today}) and (${until} is null or ${until} >= ${today})`);
  }
}

/** An officer's reader: their agency's view plus `me` and, for AGENCY_ADMINs, the agency's officers. */
export class ViewerReader extends AgencyViewReader {
  constructor(db: Db, agencyId: string, readonly officerId: string, options: ReaderOptions) {
    super(db, agencyId, options);
  }

  /** The viewer's own officer record, or null if the ledger does not know them (in this agency). */
  me(): Promise<OfficerView | null> {
    return this.ownOfficer(this.officerId);
  }

  /** The viewer's agency's officers: only for an active AGENCY_ADMIN of that agency. */
  async officers(): Promise<OfficerView[]> {
    const me = await this.me();
    if (!me || me.suspended || !me.roles.includes('AGENCY_ADMIN')) {
      throw new ForbiddenError('officers.listed-to-own-agency-admins', `officer ${this.officerId} of ${this.agencyId} needs role AGENCY_ADMIN to list the agency's officers`);
    }
    return this.ownOfficers();
  }
}

function officerFromRow(row: ReadModelTables['view_officers']): OfficerView {
  return {
    officerId: row.officer_id,
    agencyId: row.agency_id,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    auditScope: row.audit_scope as AuditScope,
    suspended: Number(row.suspended) === 1,
  };
}

function flowStats(links: Array<{ submitted_at: string; acknowledged_at: string | null; outcome: string | null; outcome_at: string | null }>): ClueFlowStats {
  const toAcknowledge = links.filter((l) => l.acknowledged_at !== null).map((l) => daysBetween(l.submitted_at, l.acknowledged_at as string));
  const toOutcome = links.filter((l) => l.outcome_at !== null).map((l) => daysBetween(l.submitted_at, l.outcome_at as string));
  return {
    clues: links.length,
    acknowledged: toAcknowledge.length,
    accepted: links.filter((l) => l.outcome === 'ACCEPTED').length,
    declined: links.filter((l) => l.outcome === 'DECLINED').length,
    daysToAcknowledge: { median: percentile(toAcknowledge, 0.5), p90: percentile(toAcknowledge, 0.9) },
    daysToOutcome: { median: percentile(toOutcome, 0.5), p90: percentile(toOutcome, 0.9) },
  };
}

/** The documents for `ids`, in the same order, null where not visible. */
function inOrder<T>(ids: readonly string[], rows: Array<{ id: string; doc: string }>, parse: (doc: string, id: string) => T): Array<T | null> {
  const byId = new Map(rows.map((row) => [row.id, row.doc]));
  return ids.map((id) => {
    const doc = byId.get(id);
    return doc === undefined ? null : parse(doc, id);
  });
}

function withFacts(headerDoc: string, facts: FactView[] | undefined): CaseView {
  return { ...(JSON.parse(headerDoc) as CaseHeaderView), facts: facts ?? [] };
}

function likePattern(text: string): string {
  return `%${text.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function requireId(value: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${field} must be a non-empty string`);
  return value;
}
