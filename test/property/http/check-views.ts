import { differences } from '../oracle/compare';
import { type ExpectedView, expectedView, type Json } from '../oracle/expected-views';
import type { LedgerModel, OfficerRecord } from '../oracle/ledger-model';
import type { OfficerRef, WorldCommand } from '../world/commands';
import { QUERIES } from './documents';
import { errorCode, type GraphqlResponse, type LedgerApi } from './ledger-api';

/**
 * Asks the server, as every officer of the world, for everything it can list or fetch by id, and
 * compares each answer with the oracle's expected view of the officer's agency, field by field.
 */

/** Small pages, so that paging is exercised on every world. */
export const PAGE_SIZE = 4;

/** Roles that may read cases and clues (the API's role policy); admins see agencies and agreements only. */
const CASEWORK_ROLES = ['INVESTIGATOR', 'LIAISON_OFFICER'];

export interface ViewMismatch {
  officer: string;
  query: string;
  path: string;
  expected: unknown;
  actual: unknown;
}

/** Every id the world's commands name, visible to someone or not: each is fetched by every officer. */
export interface WorldIds {
  agencies: string[];
  agreements: string[];
  cases: string[];
  clues: string[];
}

export function idsNamedBy(commands: readonly WorldCommand[], extraAgencies: string[] = []): WorldIds {
  const ids = { agencies: new Set(extraAgencies), agreements: new Set<string>(), cases: new Set<string>(), clues: new Set<string>() };
  for (const command of commands) {
    if (command.op === 'registerAgency') ids.agencies.add(command.input.agencyId);
    if (command.op === 'proposeAgreement') ids.agreements.add(command.input.agreementId);
    if (command.op === 'openCase') ids.cases.add(command.input.caseId);
    if (command.op === 'acceptClueIntoNewCase') ids.cases.add(command.input.newCase.caseId);
    if (command.op === 'submitClue') ids.clues.add(command.input.clueId);
  }
  return { agencies: [...ids.agencies], agreements: [...ids.agreements], cases: [...ids.cases], clues: [...ids.clues] };
}

export async function checkViews(api: LedgerApi, model: LedgerModel, officers: readonly OfficerRef[], ids: WorldIds, today: string): Promise<ViewMismatch[]> {
  const mismatches: ViewMismatch[] = [];
  const views = new Map<string, ExpectedView>();
  for (const officer of officers) {
    const view = views.get(officer.agencyId) ?? expectedView(model, officer.agencyId, today);
    views.set(officer.agencyId, view);
    const check = new OfficerCheck(api, officer, await api.token(officer), view, ids);
    mismatches.push(...(await check.run(model.officer(officer))));
  }
  return mismatches;
}

type Node = { id: string } & Record<string, unknown>;

interface Connection {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Node }[];
}

/** One officer's queries, and the differences found in their answers. */
class OfficerCheck {
  private readonly found: ViewMismatch[] = [];
  private readonly who: string;

  constructor(
    private readonly api: LedgerApi,
    private readonly officer: OfficerRef,
    private readonly token: string,
    private readonly view: ExpectedView,
    private readonly ids: WorldIds,
  ) {
    this.who = `${officer.officerId}@${officer.agencyId}`;
  }

  async run(record: OfficerRecord | undefined): Promise<ViewMismatch[]> {
    if (record === undefined || record.suspended) {
      // An officer the ledger does not know as claimed, or has suspended, can do nothing: not even read its own record.
      for (const [name, query] of [['me', QUERIES.me], ['agencies', QUERIES.agencies], ['agreements', QUERIES.agreements], ['cases', QUERIES.cases]] as const) {
        this.refused(`${name} (${record === undefined ? 'unknown' : 'suspended'} officer)`, await this.ask(query, { first: PAGE_SIZE }), ['UNAUTHENTICATED', 'FORBIDDEN']);
      }
      return this.found;
    }
    await this.me(record);
    await this.agencies(record.roles.includes('AGENCY_ADMIN'));
    await this.agreements();
    if (record.roles.some((role) => CASEWORK_ROLES.includes(role))) {
      await this.cases();
      await this.clues();
    } else {
      this.refused('cases', await this.ask(QUERIES.cases, { first: PAGE_SIZE }), ['FORBIDDEN']);
      this.refused('clues', await this.ask(QUERIES.clues, { box: 'INBOX', first: PAGE_SIZE }), ['FORBIDDEN']);
    }
    return this.found;
  }

  private async me(record: OfficerRecord): Promise<void> {
    const expected = { id: record.id, name: record.name, agency: { id: this.officer.agencyId }, roles: [...record.roles], auditScope: record.auditScope, suspended: false };
    this.compare('me', expected, this.answered('me', await this.ask(QUERIES.me), 'me'));
  }

  /** The visible agencies, listed and by id; officers only for an admin, and only of its own agency. */
  private async agencies(isAdmin: boolean): Promise<void> {
    const { view } = this;
    if (isAdmin) {
      const expected = view.agencies.map((agency) => ({ ...agency, officers: agency.id === this.officer.agencyId ? view.officers : null }));
      this.compare('agencies', expected, this.answered('agencies', await this.ask(QUERIES.agenciesWithOfficers), 'agencies'));
    } else {
      this.compare('agencies', view.agencies, this.answered('agencies', await this.ask(QUERIES.agencies), 'agencies'));
      const response = await this.ask(QUERIES.agencyOfficers);
      const listed = (response.data?.agencies ?? []) as { id: string; officers: unknown }[];
      this.compare(
        'agencies.officers',
        view.agencies.map((agency) => ({ id: agency.id, officers: null })),
        listed,
      );
      const ownIndex = listed.findIndex((agency) => agency.id === this.officer.agencyId);
      const errors = (response.errors ?? []).map((error) => ({ code: error.extensions?.code, path: error.path?.join('.') }));
      this.compare('agencies.officers errors', [{ code: 'FORBIDDEN', path: `agencies.${ownIndex}.officers` }], errors);
    }
    const visible = new Map(view.agencies.map((agency) => [agency.id, agency as Json]));
    await this.byId('agency', QUERIES.agency, this.ids.agencies, visible);
  }

  private async agreements(): Promise<void> {
    const listed = (this.answered('agreements', await this.ask(QUERIES.agreements), 'agreements') ?? []) as Node[];
    this.compare('agreements (ids)', [...this.view.agreements.keys()].sort(), listed.map((agreement) => agreement.id).sort());
    this.compareEach('agreements', this.view.agreements, listed);
    await this.byId('agreement', QUERIES.agreement, this.ids.agreements, this.view.agreements);
  }

  private async cases(): Promise<void> {
    const listed = await this.allPages('cases', QUERIES.cases, {});
    this.compare('cases (ids, newest first)', this.view.caseOrder, listed.map((node) => node.id));
    this.compareEach('cases', this.view.cases, listed);
    await this.byId('case', QUERIES.case, this.ids.cases, this.view.cases);
  }

  private async clues(): Promise<void> {
    for (const box of ['INBOX', 'OUTBOX'] as const) {
      const expectedIds = box === 'INBOX' ? this.view.inbox : this.view.outbox;
      const listed = await this.allPages(`clues(${box})`, QUERIES.clues, { box });
      this.compare(`clues(${box}) (ids, newest first)`, expectedIds, listed.map((node) => node.id));
      this.compareEach(`clues(${box})`, new Map(expectedIds.map((id) => [id, this.view.clues.get(id) as Json])), listed);
    }
    await this.byId('clue', QUERIES.clue, this.ids.clues, this.view.clues);
  }

  /** Fetches each id: a visible one must answer as expected, any other NOT_FOUND, exactly like one that does not exist. */
  private async byId(field: string, query: string, ids: readonly string[], visible: ReadonlyMap<string, Json>): Promise<void> {
    for (const id of ids) {
      const response = await this.ask(query, { id });
      const expected = visible.get(id);
      if (expected) this.compare(`${field}(${id})`, expected, this.answered(`${field}(${id})`, response, field));
      else this.refused(`${field}(${id})`, response, ['NOT_FOUND']);
    }
  }

  /** Every node of a connection, page by page. */
  private async allPages(name: string, query: string, variables: Record<string, unknown>): Promise<Node[]> {
    const field = name.startsWith('clues') ? 'clues' : 'cases';
    const nodes: Node[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const response = await this.ask(query, { ...variables, first: PAGE_SIZE, after });
      const connection = response.data?.[field] as Connection | undefined;
      if (response.errors?.length || !connection) {
        this.found.push({ officer: this.who, query: name, path: `page ${page}`, expected: 'a page without errors', actual: response.errors ?? response });
        break;
      }
      nodes.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    return nodes;
  }

  private ask(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse> {
    return this.api.gql(this.token, query, variables);
  }

  private compare(query: string, expected: Json | undefined, actual: unknown): void {
    for (const difference of differences(expected, actual)) this.found.push({ officer: this.who, query, ...difference });
  }

  /** Listed entities compared one by one, so that a difference names its entity (e.g. `cases case#3`). */
  private compareEach(query: string, expected: ReadonlyMap<string, Json>, nodes: readonly Node[]): void {
    for (const node of nodes) if (expected.has(node.id)) this.compare(`${query} ${node.id}`, expected.get(node.id), node);
  }

  /** An answer that must be an error with one of `codes` and carry no data. */
  private refused(query: string, response: GraphqlResponse, codes: string[]): void {
    const code = errorCode(response);
    const data = response.data ? Object.values(response.data).filter((value) => value !== null) : [];
    if (code === undefined || !codes.includes(code) || data.length > 0) {
      this.found.push({ officer: this.who, query, path: '', expected: `an error ${codes.join(' or ')} and no data`, actual: response });
    }
  }

  /** The answer's `field`, which must come without errors. */
  private answered(query: string, response: GraphqlResponse, field: string): unknown {
    if (response.errors?.length) this.found.push({ officer: this.who, query, path: '', expected: 'an answer without errors', actual: response.errors });
    return response.data?.[field];
  }
}
