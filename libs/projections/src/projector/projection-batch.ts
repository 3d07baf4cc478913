/**
 * Applies a batch of events to the read model inside one transaction: loads the internal records
 * the events touch, folds the events into them, persists them, recomputes every per-agency row
 * that depends on what changed, and moves the checkpoint. The caller owns the transaction, so the
 * views and the checkpoint commit (or roll back) together.
 */
import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { applyEvent, referencedIds, type SkippedEvent, type StateRecords } from '../state/apply-event';
import { ChangeSet } from '../state/change-set';
import type { AgencyRecord, AgreementRecord, CaseRecord, ClueRecord, FactRecord } from '../state/records';
import { readCheckpoint, writeCheckpoint } from '../storage/checkpoint';
import type { ReadModelDialect } from '../storage/read-model';
import type { ReadModelTables } from '../storage/tables';
import { agencyView, agreementViewRows, caseFactView, caseHeaderView, type CaseViewer, caseViewers, type ClueViewRow, clueViewRows, officerViews, type ViewLookups, visibleAgencyIds } from '../views/view-rows';

type Db = Kysely<ReadModelTables>;

/** What applying a batch did. */
export interface BatchOutcome {
  /** Events at or below the checkpoint found in the transaction (already applied): not applied again. */
  alreadyApplied: number;
  applied: number;
  skipped: SkippedEvent[];
  /** The checkpoint after the batch. */
  position: number;
}

/**
 * Applies `events` (ascending global positions) within `trx`, which must be a transaction.
 * Events at or below the stored checkpoint are ignored, so a batch offered twice changes nothing.
 */
export async function applyBatch(trx: Db, dialect: ReadModelDialect, events: readonly RecordedEvent[]): Promise<BatchOutcome> {
  const checkpoint = await readCheckpoint(trx, dialect, true);
  const fresh = events.filter((event) => event.globalPosition > checkpoint);
  if (fresh.length === 0) return { alreadyApplied: events.length, applied: 0, skipped: [], position: checkpoint };
  const workspace = new BatchWorkspace(trx);
  await workspace.preload(fresh);
  const changes = new ChangeSet();
  const skipped: SkippedEvent[] = [];
  for (const event of fresh) {
    const skip = applyEvent(workspace, changes, event);
    if (skip) skipped.push(skip);
  }
  await workspace.flush(changes);
  const position = fresh[fresh.length - 1].globalPosition;
  await writeCheckpoint(trx, position);
  return { alreadyApplied: events.length - fresh.length, applied: fresh.length, skipped, position };
}

const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The records of one batch, loaded once and written back once. */
class BatchWorkspace implements StateRecords, ViewLookups {
  private readonly agencies = new Map<string, AgencyRecord | null>();
  private readonly agreements = new Map<string, AgreementRecord | null>();
  private readonly cases = new Map<string, CaseRecord | null>();
  private readonly clues = new Map<string, ClueRecord | null>();

  constructor(private readonly trx: Db) {}

  agency(id: string): AgencyRecord | undefined {
    return this.agencies.get(id) ?? undefined;
  }
  agreement(id: string): AgreementRecord | undefined {
    return this.agreements.get(id) ?? undefined;
  }
  caseRecord(id: string): CaseRecord | undefined {
    return this.cases.get(id) ?? undefined;
  }
  clue(id: string): ClueRecord | undefined {
    return this.clues.get(id) ?? undefined;
  }
  addAgency(record: AgencyRecord): void {
    this.agencies.set(record.agencyId, record);
  }
  addAgreement(record: AgreementRecord): void {
    this.agreements.set(record.agreementId, record);
  }
  addCase(record: CaseRecord): void {
    this.cases.set(record.caseId, record);
  }
  addClue(record: ClueRecord): void {
    this.clues.set(record.clueId, record);
  }

  /** Loads every record the events refer to, in a few bulk queries. */
  async preload(events: readonly RecordedEvent[]): Promise<void> {
    const ids = { agencies: new Set<string>(), agreements: new Set<string>(), cases: new Set<string>(), clues: new Set<string>() };
    for (const event of events) {
      const refs = referencedIds(event);
      refs.agencies.forEach((id) => ids.agencies.add(id));
      refs.agreements.forEach((id) => ids.agreements.add(id));
      refs.cases.forEach((id) => ids.cases.add(id));
      refs.clues.forEach((id) => ids.clues.add(id));
    }
    await Promise.all([this.loadAgencies(ids.agencies), this.loadAgreements(ids.agreements), this.loadCases(ids.cases), this.loadClues(ids.clues)]);
  }

  async flush(changes: ChangeSet): Promise<void> {
    await this.persistState(changes);
    await this.writeIndexes(changes);

    // What each change rewrites: a case's status or shares, every viewer's header row; a share
    // given, narrowed or revoked, that recipient's whole view; an agreement status or mandate
    // change, the whole views of the recipients concerned; a new fact, one row per viewer.
    // A changed clue is rewritten for everyone (its documents are small).
    const statusChanged = [...changes.agreementStatus];
    const mandatesChanged = [...changes.mandates];
    const wholeViews = await this.recipientsUnder('state_case_shares', statusChanged, mandatesChanged);
    for (const [caseId, agencies] of changes.caseViewers) agencies.forEach((agencyId) => addPair(wholeViews, caseId, agencyId));
    const clueRecipients = without(await this.recipientsUnder('state_clue_recipients', statusChanged, mandatesChanged), changes.clues);
    await this.loadCases([...changes.caseHeaders, ...wholeViews.keys(), ...changes.facts.map((fact) => fact.caseId)]);
    await this.loadClues([...changes.clues, ...clueRecipients.keys()]);

    await this.rewriteCaseHeaders([...changes.caseHeaders]);
    await this.rewriteCaseViewers(wholeViews);
    await this.addFacts(changes.facts, wholeViews);
    await this.writeClueViews([...changes.clues]);
    await this.writeClueRecipientViews(clueRecipients);
    await this.writeAgreementViews([...changes.agreements]);
    await this.writeAgencyViews(await this.agencyViewersToRecompute(changes));
    await this.writeOfficerViews([...changes.officersOf]);
  }

  // ── internal state ──────────────────────────────────────────────────────

  private async persistState(changes: ChangeSet): Promise<void> {
    await this.upsertDocs('state_agencies', 'agency_id', [...changes.agencies].map((id) => this.agencies.get(id)).filter(isPresent), (r) => r.agencyId);
    await this.upsertDocs('state_agreements', 'agreement_id', [...changes.agreements].map((id) => this.agreements.get(id)).filter(isPresent), (r) => r.agreementId);
    await this.upsertDocs('state_cases', 'case_id', [...changes.cases].map((id) => this.cases.get(id)).filter(isPresent), (r) => r.caseId);
    await this.upsertDocs('state_clues', 'clue_id', [...changes.clues].map((id) => this.clues.get(id)).filter(isPresent), (r) => r.clueId);
    for (const part of chunks(changes.facts, 200)) {
      await this.trx
        .insertInto('state_case_facts')
        .values(part.map((fact) => ({ case_id: fact.caseId, fact_id: fact.factId, position: fact.position, doc: JSON.stringify(fact) })))
        .onConflict((conflict) => conflict.columns(['case_id', 'fact_id']).doUpdateSet((eb) => ({ position: eb.ref('excluded.position'), doc: eb.ref('excluded.doc') })))
        .execute();
    }
  }

  /** Writes records as JSON documents keyed by their id, replacing what was there. */
  private async upsertDocs<T>(table: 'state_agencies' | 'state_agreements' | 'state_cases' | 'state_clues', key: string, records: T[], idOf: (record: T) => string): Promise<void> {
    const db = this.trx as unknown as Kysely<Record<string, { doc: string } & Record<string, string>>>;
    for (const part of chunks(records)) {
      await db
        .insertInto(table)
        .values(part.map((record) => ({ [key]: idOf(record), doc: JSON.stringify(record) })))
        .onConflict((conflict) => conflict.column(key).doUpdateSet((eb) => ({ doc: eb.ref('excluded.doc') })))
        .execute();
    }
  }

  /** The reverse indexes that find what a status or mandate change affects. */
  private async writeIndexes(changes: ChangeSet): Promise<void> {
    const parties = [...changes.newAgreements]
      .map((id) => this.agreements.get(id))
      .filter(isPresent)
      .flatMap((record) => [...new Set(record.parties)].map((agencyId) => ({ agency_id: agencyId, agreement_id: record.agreementId })));
    for (const part of chunks(parties)) await this.trx.insertInto('state_agreement_parties').values(part).onConflict((c) => c.doNothing()).execute();

    const sharedCases = [...changes.caseShares];
    for (const part of chunks(sharedCases)) await this.trx.deleteFrom('state_case_shares').where('case_id', 'in', part).execute();
    const shares = sharedCases
      .map((id) => this.cases.get(id))
      .filter(isPresent)
      .flatMap((record) =>
        record.shares.filter((share) => !share.revoked).map((share) => ({ case_id: record.caseId, recipient_agency_id: share.recipientAgencyId, agreement_id: share.agreementId })),
      );
    for (const part of chunks(shares)) await this.trx.insertInto('state_case_shares').values(part).execute();

    const recipients = [...changes.newClues]
      .map((id) => this.clues.get(id))
      .filter(isPresent)
      .flatMap((record) => record.recipients.map((r) => ({ clue_id: record.clueId, recipient_agency_id: r.recipientAgencyId, agreement_id: r.agreementId })));
    for (const part of chunks(recipients)) await this.trx.insertInto('state_clue_recipients').values(part).onConflict((c) => c.doNothing()).execute();
  }

  /** The (entity, recipient) pairs of current shares or clue recipients under the agreements or to the agencies given. */
  private async recipientsUnder(table: 'state_case_shares' | 'state_clue_recipients', agreementIds: string[], recipientIds: string[]): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>();
    const add = (id: string, recipient: string): void => {
      const set = found.get(id) ?? new Set<string>();
      set.add(recipient);
      found.set(id, set);
    };
    const idColumn = table === 'state_case_shares' ? 'case_id' : 'clue_id';
    for (const [column, values] of [
      ['agreement_id', agreementIds],
      ['recipient_agency_id', recipientIds],
    ] as const) {
      for (const part of chunks(values)) {
        const rows = (await this.trx
          .selectFrom(table)
          .select([`${idColumn} as id` as never, 'recipient_agency_id'])
          .where(column, 'in', part)
          .execute()) as Array<{ id: string; recipient_agency_id: string }>;
        rows.forEach((row) => add(row.id, row.recipient_agency_id));
      }
    }
    return found;
  }

  /** Viewers whose agency list changes: parties of new agreements, and every agency that sees a changed agency. */
  private async agencyViewersToRecompute(changes: ChangeSet): Promise<string[]> {
    const viewers = new Set<string>();
    for (const id of changes.newAgreements) this.agreements.get(id)?.parties.forEach((party) => viewers.add(party));
    const changedProfiles = [...changes.agencyProfiles];
    changedProfiles.forEach((id) => viewers.add(id));
    for (const part of chunks(changedProfiles)) {
      const rows = await this.trx
        .selectFrom('state_agreement_parties as mine')
        .innerJoin('state_agreement_parties as theirs', 'theirs.agreement_id', 'mine.agreement_id')
        .select('theirs.agency_id as agency_id')
        .where('mine.agency_id', 'in', part)
        .distinct()
        .execute();
      rows.forEach((row) => viewers.add(row.agency_id));
    }
    return [...viewers];
  }

  // ── per-agency views ────────────────────────────────────────────────────

  /** Rewrites the header row of every current viewer of each case (their facts are unchanged). */
  private async rewriteCaseHeaders(caseIds: string[]): Promise<void> {
    if (caseIds.length === 0) return;
    const records = caseIds.map((id) => this.cases.get(id)).filter(isPresent);
    await this.loadViewerContext(records);
    for (const part of chunks(caseIds)) await this.trx.deleteFrom('view_cases').where('case_id', 'in', part).execute();
    const headers = records.flatMap((record) => caseViewers(record, this).map((viewer) => caseRow(record, viewer)));
    for (const part of chunks(headers, 200)) await this.trx.insertInto('view_cases').values(part).execute();
  }

  /**
   * Rewrites the whole view (header and facts) some agencies have of each case: after a share
   * was given, narrowed or revoked, an agreement's status changed or the agencies' mandates did.
   */
  private async rewriteCaseViewers(agenciesByCase: Map<string, ReadonlySet<string>>): Promise<void> {
    if (agenciesByCase.size === 0) return;
    const records = [...agenciesByCase.keys()].map((id) => this.cases.get(id)).filter(isPresent);
    await this.loadViewerContext(records);
    for (const [agencyId, caseIds] of byAgency(agenciesByCase)) {
      for (const part of chunks(caseIds)) {
        await this.trx.deleteFrom('view_cases').where('agency_id', '=', agencyId).where('case_id', 'in', part).execute();
        await this.trx.deleteFrom('view_case_facts').where('agency_id', '=', agencyId).where('case_id', 'in', part).execute();
      }
    }
    const viewers = new Map(records.map((record) => [record.caseId, caseViewers(record, this, agenciesByCase.get(record.caseId))]));
    // Facts are read only for cases someone still sees (a suspension or revocation just deletes rows).
    const facts = await this.factsOf(records.filter((record) => (viewers.get(record.caseId) ?? []).length > 0).map((record) => record.caseId));
    const headers: Array<ReadModelTables['view_cases']> = [];
    const factRows: Array<ReadModelTables['view_case_facts']> = [];
    for (const record of records) {
      for (const viewer of viewers.get(record.caseId) ?? []) {
        headers.push(caseRow(record, viewer));
        for (const fact of facts.get(record.caseId) ?? []) {
          const row = factRow(fact, viewer);
          if (row) factRows.push(row);
        }
      }
    }
    for (const part of chunks(headers, 200)) await this.trx.insertInto('view_cases').values(part).execute();
    for (const part of chunks(factRows, 200)) await this.trx.insertInto('view_case_facts').values(part).execute();
  }

  /** Adds the batch's new facts to every current viewer of their case, except views just rewritten whole. */
  private async addFacts(facts: FactRecord[], rewritten: Map<string, ReadonlySet<string>>): Promise<void> {
    if (facts.length === 0) return;
    await this.loadViewerContext(facts.map((fact) => this.cases.get(fact.caseId)).filter(isPresent));
    const rows: Array<ReadModelTables['view_case_facts']> = [];
    for (const fact of facts) {
      const record = this.cases.get(fact.caseId);
      if (!record) continue;
      const done = rewritten.get(fact.caseId);
      for (const viewer of caseViewers(record, this)) {
        if (done?.has(viewer.agencyId)) continue;
        const row = factRow(fact, viewer);
        if (row) rows.push(row);
      }
    }
    for (const part of chunks(rows, 200)) {
      await this.trx
        .insertInto('view_case_facts')
        .values(part)
        .onConflict((conflict) => conflict.columns(['agency_id', 'case_id', 'fact_id']).doUpdateSet((eb) => ({ sort_key: eb.ref('excluded.sort_key'), doc: eb.ref('excluded.doc') })))
        .execute();
    }
  }

  /** Loads the agreements and recipient agencies the cases' viewers depend on. */
  private async loadViewerContext(records: CaseRecord[]): Promise<void> {
    await this.loadAgreements(records.flatMap((record) => record.shares.filter((s) => !s.revoked).map((s) => s.agreementId)));
    await this.loadAgencies(records.flatMap((record) => record.shares.filter((s) => !s.revoked).map((s) => s.recipientAgencyId)));
  }

  /** Every fact of the cases, in recording order (this batch's included: they are persisted first). */
  private async factsOf(caseIds: string[]): Promise<Map<string, FactRecord[]>> {
    const facts = new Map<string, FactRecord[]>();
    for (const part of chunks(caseIds)) {
      const rows = await this.trx.selectFrom('state_case_facts').select(['case_id', 'doc']).where('case_id', 'in', part).orderBy('case_id').orderBy('position').execute();
      for (const row of rows) {
        const list = facts.get(row.case_id) ?? [];
        list.push(JSON.parse(row.doc) as FactRecord);
        facts.set(row.case_id, list);
      }
    }
    return facts;
  }

  private async writeClueViews(clueIds: string[]): Promise<void> {
    if (clueIds.length === 0) return;
    const records = clueIds.map((id) => this.clues.get(id)).filter(isPresent);
    await this.loadAgreements(records.flatMap((record) => record.recipients.map((r) => r.agreementId)));
    await this.loadAgencies(records.flatMap((record) => record.recipients.map((r) => r.recipientAgencyId)));
    for (const part of chunks(clueIds)) {
      await this.trx.deleteFrom('view_clues').where('clue_id', 'in', part).execute();
      await this.trx.deleteFrom('view_clue_links').where('clue_id', 'in', part).execute();
    }
    await this.insertClueRows(records.flatMap((record) => clueViewRows(record, this).map((row) => ({ record, row }))));
  }

  /** Rewrites only the given recipients' rows (and their links) of each clue. */
  private async writeClueRecipientViews(recipientsByClue: Map<string, Set<string>>): Promise<void> {
    if (recipientsByClue.size === 0) return;
    const records = [...recipientsByClue.keys()].map((id) => this.clues.get(id)).filter(isPresent);
    await this.loadAgreements(records.flatMap((record) => record.recipients.map((r) => r.agreementId)));
    await this.loadAgencies(records.flatMap((record) => record.recipients.map((r) => r.recipientAgencyId)));
    for (const [recipient, clueIds] of byAgency(recipientsByClue)) {
      for (const part of chunks(clueIds)) {
        await this.trx.deleteFrom('view_clues').where('agency_id', '=', recipient).where('clue_id', 'in', part).execute();
        await this.trx.deleteFrom('view_clue_links').where('agency_id', '=', recipient).where('clue_id', 'in', part).execute();
      }
    }
    await this.insertClueRows(records.flatMap((record) => clueViewRows(record, this, recipientsByClue.get(record.clueId)).map((row) => ({ record, row }))));
  }

  private async insertClueRows(rows: Array<{ record: ClueRecord; row: ClueViewRow }>): Promise<void> {
    const clueRows: Array<ReadModelTables['view_clues']> = [];
    const linkRows: Array<ReadModelTables['view_clue_links']> = [];
    for (const { record, row } of rows) {
      clueRows.push({
        agency_id: row.agencyId,
        clue_id: record.clueId,
        box: row.box,
        kind: record.kind,
        status: row.status,
        sort_key: record.position,
        valid_from: row.validity.validFrom,
        valid_until: row.validity.validUntil,
        doc: JSON.stringify(row.view),
      });
      for (const link of row.links) {
        linkRows.push({
          agency_id: row.agencyId,
          clue_id: record.clueId,
          partner_agency_id: link.partnerAgencyId,
          box: row.box,
          kind: record.kind,
          status: link.status,
          submitted_at: link.submittedAt,
          acknowledged_at: link.acknowledgedAt,
          outcome: link.outcome,
          outcome_at: link.outcomeAt,
          valid_from: row.validity.validFrom,
          valid_until: row.validity.validUntil,
        });
      }
    }
    for (const part of chunks(clueRows, 200)) await this.trx.insertInto('view_clues').values(part).execute();
    for (const part of chunks(linkRows, 200)) await this.trx.insertInto('view_clue_links').values(part).execute();
  }

  private async writeAgreementViews(agreementIds: string[]): Promise<void> {
    if (agreementIds.length === 0) return;
    for (const part of chunks(agreementIds)) await this.trx.deleteFrom('view_agreements').where('agreement_id', 'in', part).execute();
    const rows = agreementIds
      .map((id) => this.agreements.get(id))
      .filter(isPresent)
      .flatMap((record) =>
        agreementViewRows(record).map((row) => ({ agency_id: row.agencyId, agreement_id: record.agreementId, status: record.status, sort_key: record.position, doc: JSON.stringify(row.view) })),
      );
    for (const part of chunks(rows, 200)) await this.trx.insertInto('view_agreements').values(part).execute();
  }

  private async writeAgencyViews(viewerIds: string[]): Promise<void> {
    if (viewerIds.length === 0) return;
    const agreementsOf = new Map<string, string[]>(viewerIds.map((id) => [id, []]));
    for (const part of chunks(viewerIds)) {
      const rows = await this.trx.selectFrom('state_agreement_parties').select(['agency_id', 'agreement_id']).where('agency_id', 'in', part).execute();
      rows.forEach((row) => agreementsOf.get(row.agency_id)?.push(row.agreement_id));
    }
    await this.loadAgreements([...agreementsOf.values()].flat());
    const visible = new Map<string, string[]>();
    for (const [viewer, agreementIds] of agreementsOf) {
      visible.set(viewer, visibleAgencyIds(viewer, agreementIds.map((id) => this.agreements.get(id)).filter(isPresent)));
    }
    await this.loadAgencies([...visible.values()].flat());
    for (const part of chunks(viewerIds)) await this.trx.deleteFrom('view_agencies').where('agency_id', 'in', part).execute();
    const rows = [...visible].flatMap(([viewer, ids]) =>
      ids
        .map((id) => this.agencies.get(id))
        .filter(isPresent)
        .map((record) => ({ agency_id: viewer, subject_agency_id: record.agencyId, doc: JSON.stringify(agencyView(record)) })),
    );
    for (const part of chunks(rows, 300)) await this.trx.insertInto('view_agencies').values(part).execute();
  }

  private async writeOfficerViews(agencyIds: string[]): Promise<void> {
    if (agencyIds.length === 0) return;
    for (const part of chunks(agencyIds)) await this.trx.deleteFrom('view_officers').where('agency_id', 'in', part).execute();
    const rows = agencyIds
      .map((id) => this.agencies.get(id))
      .filter(isPresent)
      .flatMap(officerViews)
      .map((officer) => ({
        agency_id: officer.agencyId,
        officer_id: officer.officerId,
        name: officer.name,
        roles: JSON.stringify(officer.roles),
        audit_scope: officer.auditScope,
        suspended: officer.suspended ? 1 : 0,
      }));
    for (const part of chunks(rows, 300)) await this.trx.insertInto('view_officers').values(part).execute();
  }

  // ── loading ─────────────────────────────────────────────────────────────

  private async loadAgencies(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.agencies.has(id));
    for (const part of chunks(missing)) {
      const rows = await this.trx.selectFrom('state_agencies').select(['agency_id', 'doc']).where('agency_id', 'in', part).execute();
      rows.forEach((row) => this.agencies.set(row.agency_id, JSON.parse(row.doc) as AgencyRecord));
      part.forEach((id) => this.agencies.has(id) || this.agencies.set(id, null));
    }
  }

  private async loadAgreements(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.agreements.has(id));
    for (const part of chunks(missing)) {
      const rows = await this.trx.selectFrom('state_agreements').select(['agreement_id', 'doc']).where('agreement_id', 'in', part).execute();
      rows.forEach((row) => this.agreements.set(row.agreement_id, JSON.parse(row.doc) as AgreementRecord));
      part.forEach((id) => this.agreements.has(id) || this.agreements.set(id, null));
    }
  }

  private async loadCases(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.cases.has(id));
    for (const part of chunks(missing)) {
      const rows = await this.trx.selectFrom('state_cases').select(['case_id', 'doc']).where('case_id', 'in', part).execute();
      rows.forEach((row) => this.cases.set(row.case_id, JSON.parse(row.doc) as CaseRecord));
      part.forEach((id) => this.cases.has(id) || this.cases.set(id, null));
    }
  }

  private async loadClues(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.clues.has(id));
    for (const part of chunks(missing)) {
      const rows = await this.trx.selectFrom('state_clues').select(['clue_id', 'doc']).where('clue_id', 'in', part).execute();
      rows.forEach((row) => this.clues.set(row.clue_id, JSON.parse(row.doc) as ClueRecord));
      part.forEach((id) => this.clues.has(id) || this.clues.set(id, null));
    }
  }
}

function caseRow(record: CaseRecord, viewer: CaseViewer): ReadModelTables['view_cases'] {
  return {
    agency_id: viewer.agencyId,
    case_id: record.caseId,
    viewer_role: viewer.role,
    kind: record.kind,
    status: record.status,
    tlp: record.markings.tlp,
    owner_agency_id: record.ownerAgencyId,
    search_text: `${record.title}\n${record.summary}`.toLowerCase(),
    sort_key: record.position,
    valid_from: viewer.validity.validFrom,
    valid_until: viewer.validity.validUntil,
    doc: JSON.stringify(caseHeaderView(record, viewer)),
  };
}

function factRow(fact: FactRecord, viewer: CaseViewer): ReadModelTables['view_case_facts'] | null {
  const view = caseFactView(fact, viewer);
  if (!view) return null;
  return {
    agency_id: viewer.agencyId,
    case_id: fact.caseId,
    fact_id: fact.factId,
    sort_key: fact.position,
    valid_from: viewer.validity.validFrom,
    valid_until: viewer.validity.validUntil,
    doc: JSON.stringify(view),
  };
}

function addPair(pairs: Map<string, Set<string>>, id: string, agencyId: string): void {
  const agencies = pairs.get(id) ?? new Set<string>();
  agencies.add(agencyId);
  pairs.set(id, agencies);
}

/** The pairs without the entities recomputed in full anyway. */
function without<T>(pairs: Map<string, T>, full: ReadonlySet<string>): Map<string, T> {
  for (const id of full) pairs.delete(id);
  return pairs;
}

/** entity → agencies, turned into agency → entities. */
function byAgency(pairs: Map<string, ReadonlySet<string>>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, agencies] of pairs) {
    for (const agency of agencies) {
      const list = out.get(agency) ?? [];
      list.push(id);
      out.set(agency, list);
    }
  }
  return out;
}

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}
