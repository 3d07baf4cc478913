import { ANSWER_OF, type AnswerKind, type CommandOp, inputTypeName } from '../world/commands';

/**
 * The GraphQL documents the property test sends. The view queries select every field the schema
 * offers on agencies, agreements, cases and clues, so that any field an agency may not see and the
 * server returns anyway shows up as a difference; nested agencies are selected in full everywhere,
 * so an agency leaked through a nested field shows up too.
 */

const ANSWER_SELECTION: Record<AnswerKind, string> = {
  Case: '...CaseFields',
  Clue: '...ClueFields',
  Agreement: '...AgreementFields',
  Agency: '...AgencyFields',
  Officer: 'id name roles auditScope suspended',
  AgencyRegistration: 'agencyId adminOfficerId agency { ...AgencyFields }',
};

/** The mutation for one command, selecting its whole answer: an answer is a view like any query's. */
export function mutationDocument(op: CommandOp): string {
  return withFragments(`mutation Run($input: ${inputTypeName(op)}!) { ${op}(input: $input) { ${ANSWER_SELECTION[ANSWER_OF[op]]} } }`, []);
}

const FRAGMENTS = /* GraphQL */ `
  fragment AgencyFields on Agency { id name country kind mandates }
  fragment MarkingsFields on Markings { tlp handling handlingNote evaluation { source information code } }
  fragment TextFields on PersonalText { category value redacted }
  fragment PlaceFields on PersonalPlace { category value { country city } redacted }
  fragment AgreementFields on Agreement {
    id title status inForce
    parties { agency { ...AgencyFields } signed signedAt }
    scope categories maxTlp validFrom validUntil
    proposedBy { ...AgencyFields }
    statusReason
  }
  fragment CaseFields on Case {
    id owner { ...AgencyFields } ownedByViewer kind title summary status
    markings { ...MarkingsFields } openedAt openedForClueId
    jointPartners { ...AgencyFields } closedAt closedReason
    shares { recipient { ...AgencyFields } agreement { id } categories sharedAt revoked revokedAt revokedReason }
    persons {
      id role fullName { ...TextFields } dateOfBirth { ...TextFields } nationality { ...TextFields }
      documentNumber { ...TextFields } phoneNumber { ...TextFields } address { ...TextFields }
      markings { ...MarkingsFields } recordedAt
    }
    routes {
      id origin { ...PlaceFields } transit { category value { country city } redacted } destination { ...PlaceFields }
      method markings { ...MarkingsFields } recordedAt
    }
    organisations { id name kind country address { ...TextFields } markings { ...MarkingsFields } recordedAt }
    moneyFlows {
      id fromAccount { ...TextFields } toAccount { ...TextFields } amount currency date channel
      markings { ...MarkingsFields } recordedAt
    }
    notes { id text markings { ...MarkingsFields } recordedAt }
  }
  fragment ClueFields on Clue {
    id box sender { ...AgencyFields } kind subject body markings { ...MarkingsFields } submittedAt
    senderCase { id }
    claimedIdentity {
      personRole fullName { ...TextFields } dateOfBirth { ...TextFields } nationality { ...TextFields } documentNumber { ...TextFields }
    }
    recipients {
      agency { ...AgencyFields } agreement { id } status linkedCase { id } outcome
      steps { status at agency { ...AgencyFields } officerId question answer reason outcome comment linkedCaseId }
    }
  }
`;

/** Only the fragments a document uses (GraphQL rejects unused ones). */
function withFragments(operation: string, names: string[]): string {
  const all = FRAGMENTS.split(/(?=\bfragment\s)/).filter((part) => part.trim().startsWith('fragment'));
  const byName = new Map(all.map((part) => [/fragment\s+(\w+)/.exec(part)?.[1] as string, part]));
  const needed = new Set<string>();
  const visit = (text: string) => {
    for (const match of text.matchAll(/\.\.\.(\w+)/g)) {
      if (!needed.has(match[1])) {
        needed.add(match[1]);
        visit(byName.get(match[1]) ?? '');
      }
    }
  };
  visit(operation);
  for (const name of names) needed.add(name);
  return [operation, ...[...needed].map((name) => byName.get(name) as string)].join('\n');
}

export const QUERIES = {
  me: `query Me { me { id name agency { id } roles auditScope suspended } }`,
  agencies: withFragments(`query Agencies { agencies { ...AgencyFields } }`, []),
  agenciesWithOfficers: withFragments(`query AgenciesWithOfficers { agencies { ...AgencyFields officers { id name roles auditScope suspended } } }`, []),
  agencyOfficers: `query AgencyOfficers { agencies { id officers { id } } }`,
  agency: withFragments(`query Agency($id: ID!) { agency(id: $id) { ...AgencyFields } }`, []),
  agreements: withFragments(`query Agreements { agreements { ...AgreementFields } }`, []),
  agreement: withFragments(`query Agreement($id: ID!) { agreement(id: $id) { ...AgreementFields } }`, []),
  cases: withFragments(
    `query Cases($first: Int, $after: String) { cases(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node { ...CaseFields } } } }`,
    [],
  ),
  case: withFragments(`query Case($id: ID!) { case(id: $id) { ...CaseFields } }`, []),
  clues: withFragments(
    `query Clues($box: ClueBox!, $first: Int, $after: String) { clues(box: $box, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node { ...ClueFields } } } }`,
    [],
  ),
  clue: withFragments(`query Clue($id: ID!) { clue(id: $id) { ...ClueFields } }`, []),
} as const;
