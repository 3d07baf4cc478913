/**
 * The GraphQL operations the soak workload sends, as a client application would: named, with
 * variables, selecting what a screen would show.
 */

const CLUE_STATE = 'id kind recipients { agency { id } status }';

export const DOCUMENTS = {
  registerAgency: 'mutation RegisterAgency($input: RegisterAgencyInput!) { registerAgency(input: $input) { agencyId adminOfficerId } }',
  registerOfficer: 'mutation RegisterOfficer($input: RegisterOfficerInput!) { registerOfficer(input: $input) { id roles } }',
  proposeAgreement: 'mutation ProposeAgreement($input: ProposeAgreementInput!) { proposeAgreement(input: $input) { id status } }',
  signAgreement: 'mutation SignAgreement($input: SignAgreementInput!) { signAgreement(input: $input) { id status } }',

  openCase: 'mutation OpenCase($input: OpenCaseInput!) { openCase(input: $input) { id status markings { tlp handling } } }',
  recordPerson: 'mutation RecordPerson($input: RecordPersonInput!) { recordPerson(input: $input) { id persons { id } } }',
  recordRoute: 'mutation RecordRoute($input: RecordRouteInput!) { recordRoute(input: $input) { id routes { id } } }',
  recordOrganisation: 'mutation RecordOrganisation($input: RecordOrganisationInput!) { recordOrganisation(input: $input) { id organisations { id } } }',
  recordMoneyFlow: 'mutation RecordMoneyFlow($input: RecordMoneyFlowInput!) { recordMoneyFlow(input: $input) { id moneyFlows { id } } }',
  addNote: 'mutation AddNote($input: AddNoteInput!) { addNote(input: $input) { id notes { id } } }',
  shareCase: 'mutation ShareCase($input: ShareCaseInput!) { shareCase(input: $input) { id shares { recipient { id } categories revoked } } }',
  revokeShare: 'mutation RevokeShare($input: RevokeShareInput!) { revokeShare(input: $input) { id shares { recipient { id } revoked } } }',

  submitClue: `mutation SubmitClue($input: SubmitClueInput!) { submitClue(input: $input) { ${CLUE_STATE} } }`,
  acknowledgeClue: `mutation AcknowledgeClue($input: AcknowledgeClueInput!) { acknowledgeClue(input: $input) { ${CLUE_STATE} } }`,
  requestClueInformation: `mutation RequestClueInformation($input: RequestClueInformationInput!) { requestClueInformation(input: $input) { ${CLUE_STATE} } }`,
  provideClueInformation: `mutation ProvideClueInformation($input: ProvideClueInformationInput!) { provideClueInformation(input: $input) { ${CLUE_STATE} } }`,
  acceptClueIntoNewCase: `mutation AcceptClueIntoNewCase($input: AcceptClueIntoNewCaseInput!) { acceptClueIntoNewCase(input: $input) { ${CLUE_STATE} recipients { linkedCase { id } } } }`,
  declineClue: `mutation DeclineClue($input: DeclineClueInput!) { declineClue(input: $input) { ${CLUE_STATE} } }`,
  giveClueFeedback: `mutation GiveClueFeedback($input: GiveClueFeedbackInput!) { giveClueFeedback(input: $input) { ${CLUE_STATE} } }`,
  closeClue: `mutation CloseClue($input: CloseClueInput!) { closeClue(input: $input) { ${CLUE_STATE} } }`,
  withdrawClue: `mutation WithdrawClue($input: WithdrawClueInput!) { withdrawClue(input: $input) { ${CLUE_STATE} } }`,

  me: 'query Me { me { id roles agency { id name } } }',
  inbox: 'query Inbox($after: String) { clues(box: INBOX, first: 20, after: $after) { edges { node { id kind subject submittedAt sender { id } recipients { status } } } pageInfo { hasNextPage endCursor } } }',
  outbox: 'query Outbox { clues(box: OUTBOX, first: 20) { edges { node { id kind subject recipients { agency { id } status } } } } }',
  cases: 'query Cases($filter: CaseFilter) { cases(filter: $filter, first: 20) { edges { node { id title status ownedByViewer owner { id } markings { tlp } } } pageInfo { hasNextPage endCursor } } }',
  caseDetail: `query CaseDetail($id: ID!) { case(id: $id) {
    id title summary status ownedByViewer owner { id } markings { tlp handling }
    shares { recipient { id } categories revoked }
    persons { id role fullName { category value redacted } nationality { value redacted } phoneNumber { value redacted } }
    routes { id origin { value { country city } redacted } destination { value { country } redacted } method }
    organisations { id name kind address { value redacted } }
    moneyFlows { id amount currency fromAccount { value redacted } toAccount { value redacted } }
    notes { id text markings { tlp } }
  } }`,
  clueDetail: 'query ClueDetail($id: ID!) { clue(id: $id) { id box kind subject body markings { tlp handling } sender { id } recipients { agency { id } status steps { status at agency { id } question answer reason outcome } } } }',
  cooperationStats: 'query CooperationStats { cooperationStats { partner { id } sent { clues acknowledged accepted declined medianDaysToAcknowledge p90DaysToOutcome } received { clues acknowledged } } }',

  streamHistory: 'query StreamHistory($stream: String!, $from: Int) { streamHistory(stream: $stream, from: $from, limit: 50) { stream lastRevision nextFrom events { revision type globalPosition actor { officerId agencyId } commandId hash previousHash chainProblem } } }',
  accessLog: 'query AccessLog { accessLog(first: 20) { edges { node { accessedAt officerId entityType entityId operationName rootFields } } pageInfo { hasNextPage endCursor } } }',
  agencyViewAsOf: 'query AgencyViewAsOf($agency: ID!, $time: DateTime) { agencyViewAsOf(agency: $agency, time: $time) { position eventsApplied cases(first: 5) { edges { node { id title } } } } }',
} as const;

export type DocumentName = keyof typeof DOCUMENTS;
