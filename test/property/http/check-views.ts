import { differences } from '../oracle/compare';
import { type ExpectedView, expectedView, type Json } from '../oracle/expected-views';
import type { LedgerModel } from '../oracle/ledger-model';
import type { OfficerRef, WorldCommand } from '../world/commands';
import { QUERIES } from './documents';
import { errorCode, type GraphqlResponse, type LedgerApi } from './ledger-api';

/**
 * Asks the server, as every officer of the world, for everything it can list or fetch by id, and
 * compares each answer with the oracle's expected view of the officer's agency, field by field.
 */

/** Small pages, so that paging is exercised on every world. */
export const PAGE_SIZE = 4;

/** Roles that may read cases and clues (apps/api role policy); admins see agencies and agreements only. */
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
    mismatches.push(...(await checkOfficer(api, model, officer, view, ids)));
  }
  return mismatches;
}

async function checkOfficer(api: LedgerApi, model: LedgerModel, officer: OfficerRef, view: ExpectedView, ids: WorldIds): Promise<ViewMismatch[]> {
  const found: ViewMismatch[] = [];
  const who = `${officer.officerId}@${officer.agencyId}`;
  const token = await api.token(officer);
  const ask = (query: string, variables?: Record<string, unknown>) => api.gql(token, query, variables);
  const compare = (query: string, expected: Json | undefined, actual: unknown) => {
    for (const difference of differences(expected, actual)) found.push({ officer: who, query, ...difference });
  };
  /** A listed entity compared on its own, so that a difference names the entity (e.g. `cases case#3`). */
  const compareEach = (query: string, expected: ReadonlyMap<string, Json>, nodes: readonly { id: string }[]) => {
    for (const node of nodes) if (expected.has(node.id)) compare(`${query} ${node.id}`, expected.get(node.id), node);
  };
  /** An answer that must be an error with one of `codes` and carry no data. */
  const refused = (query: string, response: GraphqlResponse, codes: string[]) => {
    const code = errorCode(response);
    const data = response.data ? Object.values(response.data).filter((value) => value !== null) : [];
    if (code === undefined || !codes.includes(code) || data.length > 0) {
      found.push({ officer: who, query, path: '', expected: `an error ${codes.join(' or ')} and no data`, actual: response });
    }
  };
  /** An answer that must carry data and no error. */
  const answered = (query: string, response: GraphqlResponse, field: string): unknown => {
    if (response.errors?.length) found.push({ officer: who, query, path: '', expected: 'an answer without errors', actual: response.errors });
    return response.data?.[field];
  };

  const record = model.officer(officer);
  if (record === undefined || record.suspended) {
    // A suspended officer can do nothing: not even read its own record.
    for (const query of [QUERIES.me, QUERIES.agencies, QUERIES.agreements, QUERIES.cases]) refused(firstLine(query), await ask(query, { first: PAGE_SIZE }), ['UNAUTHENTICATED', 'FORBIDDEN']);
    return found;
  }
  const isAdmin = record.roles.includes('AGENCY_ADMIN');
  const isCaseworker = record.roles.some((role) => CASEWORK_ROLES.includes(role));

  compare('me', { id: record.id, name: record.name, agency: { id: officer.agencyId }, roles: [...record.roles], auditScope: record.auditScope, suspended: false }, answered('me', await ask(QUERIES.me), 'me'));

  // Agencies: the admin sees its own agency's officers; everyone else is refused them.
  if (isAdmin) {
    const expected = view.agencies.map((agency) => ({ ...agency, officers: agency.id === officer.agencyId ? view.officers : null }));
    compare('agencies', expected, answered('agencies', await ask(QUERIES.agenciesWithOfficers), 'agencies'));
  } else {
    compare('agencies', view.agencies, answered('agencies', await ask(QUERIES.agencies), 'agencies'));
    const response = await ask(QUERIES.agencyOfficers);
    const listed = (response.data?.agencies ?? []) as { id: string; officers: unknown }[];
    compare(
      'agencies.officers',
      view.agencies.map((agency) => ({ id: agency.id, officers: null })),
      listed,
    );
    const ownIndex = listed.findIndex((agency) => agency.id === officer.agencyId);
    const errors = (response.errors ?? []).map((error) => ({ code: error.extensions?.code, path: error.path?.join('.') }));
    compare('agencies.officers errors', [{ code: 'FORBIDDEN', path: `agencies.${ownIndex}.officers` }] as Json, errors);
  }
  const visibleAgencies = new Map(view.agencies.map((agency) => [agency.id, agency]));
  for (const id of ids.agencies) {
    const response = await ask(QUERIES.agency, { id });
    const expected = visibleAgencies.get(id);
    if (expected) compare(`agency(${id})`, expected, answered(`agency(${id})`, response, 'agency'));
    else refused(`agency(${id})`, response, ['NOT_FOUND']);
  }

  const listedAgreements = (answered('agreements', await ask(QUERIES.agreements), 'agreements') ?? []) as { id: string }[];
  compare('agreements (ids)', [...view.agreements.keys()].sort(), listedAgreements.map((agreement) => agreement.id).sort());
  compareEach('agreements', view.agreements, listedAgreements);
  for (const id of ids.agreements) {
    const response = await ask(QUERIES.agreement, { id });
    const expected = view.agreements.get(id);
    if (expected) compare(`agreement(${id})`, expected, answered(`agreement(${id})`, response, 'agreement'));
    else refused(`agreement(${id})`, response, ['NOT_FOUND']);
  }

  if (!isCaseworker) {
    // Cases and clues are for investigators and liaison officers only.
    refused('cases', await ask(QUERIES.cases, { first: PAGE_SIZE }), ['FORBIDDEN']);
    refused('clues', await ask(QUERIES.clues, { box: 'INBOX', first: PAGE_SIZE }), ['FORBIDDEN']);
    return found;
  }

  const listedCases = await allPages(ask, QUERIES.cases, {}, 'cases', who, found);
  compare('cases (ids, newest first)', view.caseOrder, listedCases.nodes.map((node) => node.id));
  compareEach('cases', view.cases, listedCases.nodes);
  for (const id of ids.cases) {
    const response = await ask(QUERIES.case, { id });
    const expected = view.cases.get(id);
    if (expected) compare(`case(${id})`, expected, answered(`case(${id})`, response, 'case'));
    else refused(`case(${id})`, response, ['NOT_FOUND']);
  }

  for (const box of ['INBOX', 'OUTBOX'] as const) {
    const expectedIds = box === 'INBOX' ? view.inbox : view.outbox;
    const listed = await allPages(ask, QUERIES.clues, { box }, `clues(${box})`, who, found);
    compare(`clues(${box}) (ids, newest first)`, expectedIds, listed.nodes.map((node) => node.id));
    compareEach(`clues(${box})`, new Map(expectedIds.map((id) => [id, view.clues.get(id) as Json])), listed.nodes);
  }
  for (const id of ids.clues) {
    const response = await ask(QUERIES.clue, { id });
    const expected = view.clues.get(id);
    if (expected) compare(`clue(${id})`, expected, answered(`clue(${id})`, response, 'clue'));
    else refused(`clue(${id})`, response, ['NOT_FOUND']);
  }
  return found;
}

interface Connection {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string } & Record<string, unknown> }[];
}

/** Every node of a connection, page by page. */
async function allPages(
  ask: (query: string, variables?: Record<string, unknown>) => Promise<GraphqlResponse>,
  query: string,
  variables: Record<string, unknown>,
  name: string,
  who: string,
  found: ViewMismatch[],
): Promise<{ nodes: ({ id: string } & Record<string, unknown>)[] }> {
  const field = name.startsWith('clues') ? 'clues' : 'cases';
  const nodes: ({ id: string } & Record<string, unknown>)[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const response = await ask(query, { ...variables, first: PAGE_SIZE, after });
    const connection = response.data?.[field] as Connection | undefined;
    if (response.errors?.length || !connection) {
      found.push({ officer: who, query: name, path: `page ${page}`, expected: 'a page without errors', actual: response.errors ?? response });
      break;
    }
    nodes.push(...connection.edges.map((edge) => edge.node));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return { nodes };
}

function firstLine(query: string): string {
  return query.split('\n')[0].slice(0, 60);
}
