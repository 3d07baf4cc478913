/**
 * Every free-text field of the mutations, each with what it takes to reach it (a case to record
 * on, a clue in the right state, an officer to suspend…), where the value comes back in the
 * mutation's answer, and where it sits in the stored event.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ExpectedWrite } from '../../../apps/soak/src/checks/command-ledger';
import type { ActingOfficer } from '../../../apps/soak/src/workload/soak-client';
import { DEMO_AGENCIES } from '../../../apps/api/src/seed/demo-world';
import { type HostileLedger, MARKINGS } from './hostile-ledger';

type Data = any; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Ids = Record<string, string>;

export interface TextField {
  /** The field as errors name it, e.g. `input.title`. */
  field: string;
  /** Mutations that put the ledger in a state where this field can be sent; resolves with the ids made. */
  prepare: (ledger: HostileLedger) => Promise<Ids>;
  actor: (ledger: HostileLedger) => ActingOfficer;
  document: string;
  input: (value: string, ids: Ids, ledger: HostileLedger) => Record<string, unknown>;
  /** The stream the command writes, and its event. */
  stream: (ids: Ids, ledger: HostileLedger) => string;
  event: string;
  /** The value as stored in the event's data. */
  stored: (data: Data) => unknown;
  /** The value as the mutation's answer shows it, or undefined when the answer does not show it. */
  answered?: (data: Data, ids: Ids) => unknown;
  /**
   * One of the fields that together reach every kind of place text is kept in (event data, case
   * search text, case and fact documents, clue steps, officer, agency and agreement rows): enough
   * to find a storage-specific problem on a second store without repeating every field there.
   */
  representative?: boolean;
}

const slug = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;
const investigator = (ledger: HostileLedger) => ledger.owner.investigators[0];
const recipient = (ledger: HostileLedger) => ledger.partner.liaison;
const admin = (ledger: HostileLedger) => ledger.owner.admin;

/** Runs a preparatory mutation; a refusal there is a broken test, not a finding. */
async function step(ledger: HostileLedger, by: ActingOfficer, name: Parameters<HostileLedger['client']['mutate']>[1], input: Record<string, unknown>): Promise<void> {
  const answer = await ledger.client.mutate(by, name, input, () => []);
  if (answer.status !== 200 || answer.errors !== undefined) throw new Error(`preparing ${name} failed: ${JSON.stringify(answer.errors ?? answer.transportError)}`);
}

const onTheCase = async (ledger: HostileLedger): Promise<Ids> => ({ caseId: ledger.caseId, factId: randomUUID() });

async function freshCase(ledger: HostileLedger, shared = false): Promise<Ids> {
  const caseId = randomUUID();
  await step(ledger, investigator(ledger), 'openCase', { caseId, kind: 'TRAFFICKING', title: 'Prepared case', markings: MARKINGS });
  if (shared) await step(ledger, investigator(ledger), 'shareCase', { caseId, recipientAgencyIds: [ledger.partner.agencyId], agreementId: ledger.agreementId, categories: ['TRAVEL_ROUTE'] });
  return { caseId };
}

type ClueState = 'SUBMITTED' | 'ACKNOWLEDGED' | 'INFO_REQUESTED' | 'ACCEPTED';

async function freshClue(ledger: HostileLedger, state: ClueState): Promise<Ids> {
  const clueId = randomUUID();
  await step(ledger, investigator(ledger), 'submitClue', {
    clueId,
    recipients: [{ agencyId: ledger.partner.agencyId, agreementId: ledger.agreementId }],
    kind: 'LEAD',
    subject: 'Prepared clue',
    body: 'Prepared body',
    markings: MARKINGS,
  });
  if (state === 'SUBMITTED') return { clueId };
  await step(ledger, recipient(ledger), 'acknowledgeClue', { clueId });
  if (state === 'INFO_REQUESTED') await step(ledger, recipient(ledger), 'requestClueInformation', { clueId, question: 'Which flight?' });
  if (state === 'ACCEPTED') await step(ledger, recipient(ledger), 'acceptClueIntoNewCase', { clueId, newCase: { kind: 'TRAFFICKING', title: 'Follow-up', markings: MARKINGS } });
  return { clueId };
}

const caseStream = (ids: Ids) => `case-${ids.caseId}`;
const clueStream = (ids: Ids) => `clue-${ids.clueId}`;
const ownerAgencyStream = (_ids: Ids, ledger: HostileLedger) => `agency-${ledger.owner.agencyId}`;

const OPEN_CASE = 'mutation($input: OpenCaseInput!) { openCase(input: $input) { title summary markings { handlingNote } } }';
const openCase = (field: string, input: (value: string) => Record<string, unknown>, stored: (data: Data) => unknown, answered: (data: Data) => unknown): TextField => ({
  field,
  prepare: async () => ({ caseId: randomUUID() }),
  actor: investigator,
  document: OPEN_CASE,
  input: (value, ids) => ({ caseId: ids.caseId, kind: 'SMUGGLING', title: 'Case title', summary: 'Summary', markings: MARKINGS, ...input(value) }),
  stream: caseStream,
  event: 'CaseOpened',
  stored,
  answered,
});

const PERSON = 'mutation($input: RecordPersonInput!) { recordPerson(input: $input) { persons { id fullName { value } dateOfBirth { value } nationality { value } documentNumber { value } phoneNumber { value } address { value } } } }';
const person = (name: 'fullName' | 'dateOfBirth' | 'nationality' | 'documentNumber' | 'phoneNumber' | 'address'): TextField => ({
  field: `input.${name}`,
  prepare: onTheCase,
  actor: investigator,
  document: PERSON,
  input: (value, ids) => ({ caseId: ids.caseId, personId: ids.factId, role: 'SUSPECT', fullName: 'Chen Jie', markings: MARKINGS, [name]: value }),
  stream: caseStream,
  event: 'PersonRecorded',
  stored: (data) => data[name]?.value,
  answered: (data, ids) => data.recordPerson.persons.find((p: Data) => p.id === ids.factId)?.[name]?.value,
});

const ORGANISATION = 'mutation($input: RecordOrganisationInput!) { recordOrganisation(input: $input) { organisations { id name address { value } } } }';
const organisation = (name: 'name' | 'address'): TextField => ({
  field: `input.${name}`,
  prepare: onTheCase,
  actor: investigator,
  document: ORGANISATION,
  input: (value, ids) => ({ caseId: ids.caseId, organisationId: ids.factId, name: 'Golden Lotus', kind: 'PARLOUR', country: 'IT', markings: MARKINGS, [name]: value }),
  stream: caseStream,
  event: 'OrganisationRecorded',
  stored: (data) => (name === 'name' ? data.name : data.address?.value),
  answered: (data, ids) => {
    const found = data.recordOrganisation.organisations.find((o: Data) => o.id === ids.factId);
    return name === 'name' ? found?.name : found?.address?.value;
  },
});

const MONEY = 'mutation($input: RecordMoneyFlowInput!) { recordMoneyFlow(input: $input) { moneyFlows { id fromAccount { value } toAccount { value } channel } } }';
const money = (name: 'fromAccount' | 'toAccount' | 'channel'): TextField => ({
  field: `input.${name}`,
  prepare: onTheCase,
  actor: investigator,
  document: MONEY,
  input: (value, ids) => ({ caseId: ids.caseId, flowId: ids.factId, fromAccount: 'IT60X0542811101000000123456', toAccount: '6222021001234567890', amount: 950, currency: 'EUR', date: '2025-03-01', channel: 'remittance', markings: MARKINGS, [name]: value }),
  stream: caseStream,
  event: 'MoneyFlowRecorded',
  stored: (data) => (name === 'channel' ? data.channel : data[name]?.value),
  answered: (data, ids) => {
    const found = data.recordMoneyFlow.moneyFlows.find((m: Data) => m.id === ids.factId);
    return name === 'channel' ? found?.channel : found?.[name]?.value;
  },
});

const CLUE_STEPS = 'recipients { steps { status question answer reason comment } }';
const clueStep = (field: string, state: ClueState, by: (ledger: HostileLedger) => ActingOfficer, mutation: string, inputType: string, input: (value: string, ids: Ids, ledger: HostileLedger) => Record<string, unknown>, event: string, status: string, detail: 'question' | 'answer' | 'reason' | 'comment'): TextField => ({
  field,
  prepare: (ledger) => freshClue(ledger, state),
  actor: by,
  document: `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${CLUE_STEPS} } }`,
  input,
  stream: clueStream,
  event,
  stored: (data) => data[detail],
  answered: (data) => (data[mutation].recipients as Data[]).flatMap((r) => r.steps).find((s: Data) => s.status === status)?.[detail],
});

const SUBMIT = 'mutation($input: SubmitClueInput!) { submitClue(input: $input) { subject body claimedIdentity { fullName { value } documentNumber { value } } } }';
const submit = (field: string, input: (value: string) => Record<string, unknown>, stored: (data: Data) => unknown, answered: (data: Data) => unknown): TextField => ({
  field,
  prepare: async () => ({ clueId: randomUUID() }),
  actor: investigator,
  document: SUBMIT,
  input: (value, ids, ledger) => ({
    clueId: ids.clueId,
    recipients: [{ agencyId: ledger.partner.agencyId, agreementId: ledger.agreementId }],
    kind: 'IDENTIFICATION_REQUEST',
    subject: 'Identification request',
    body: 'Please confirm.',
    markings: MARKINGS,
    claimedIdentity: { personRole: 'VICTIM', fullName: 'Tran Thi Hoa', documentNumber: 'C1234567' },
    ...input(value),
  }),
  stream: clueStream,
  event: 'ClueSubmitted',
  stored,
  answered,
});

export const TEXT_FIELDS: TextField[] = [
  { ...openCase('input.title', (value) => ({ title: value }), (data) => data.title, (data) => data.openCase.title), representative: true },
  openCase('input.summary', (value) => ({ summary: value }), (data) => data.summary, (data) => data.openCase.summary),
  openCase(
    'input.markings.handlingNote',
    (value) => ({ markings: { tlp: 'AMBER', handling: ['H0', 'H3'], handlingNote: value } }),
    (data) => data.markings.handlingNote,
    (data) => data.openCase.markings.handlingNote,
  ),
  { ...person('fullName'), representative: true },
  person('dateOfBirth'),
  person('nationality'),
  person('documentNumber'),
  person('phoneNumber'),
  person('address'),
  {
    field: 'input.origin.city',
    prepare: onTheCase,
    actor: investigator,
    document: 'mutation($input: RecordRouteInput!) { recordRoute(input: $input) { routes { id origin { value { country city } } } } }',
    input: (value, ids) => ({ caseId: ids.caseId, routeId: ids.factId, origin: { country: 'CN', city: value }, destination: { country: 'IT', city: 'Milano' }, method: 'AIR', markings: MARKINGS }),
    stream: caseStream,
    event: 'RouteRecorded',
    stored: (data) => (typeof data.origin?.value === 'string' && data.origin.value.startsWith('CN:') ? data.origin.value.slice(3) : data.origin?.value),
    answered: (data, ids) => data.recordRoute.routes.find((r: Data) => r.id === ids.factId)?.origin?.value?.city,
  },
  organisation('name'),
  organisation('address'),
  money('fromAccount'),
  money('toAccount'),
  money('channel'),
  {
    field: 'input.text',
    prepare: onTheCase,
    actor: investigator,
    document: 'mutation($input: AddNoteInput!) { addNote(input: $input) { notes { id text } } }',
    input: (value, ids) => ({ caseId: ids.caseId, noteId: ids.factId, text: value, markings: MARKINGS }),
    stream: caseStream,
    event: 'NoteAdded',
    stored: (data) => data.text,
    answered: (data, ids) => data.addNote.notes.find((n: Data) => n.id === ids.factId)?.text,
  },
  {
    field: 'input.reason',
    prepare: (ledger) => freshCase(ledger, true),
    actor: investigator,
    document: 'mutation($input: RevokeShareInput!) { revokeShare(input: $input) { shares { recipient { id } revokedReason } } }',
    input: (value, ids, ledger) => ({ caseId: ids.caseId, recipientAgencyId: ledger.partner.agencyId, reason: value }),
    stream: caseStream,
    event: 'ShareRevoked',
    stored: (data) => data.reason,
    answered: (data) => data.revokeShare.shares[0]?.revokedReason,
  },
  {
    field: 'input.reason',
    prepare: (ledger) => freshCase(ledger),
    actor: investigator,
    document: 'mutation($input: CloseCaseInput!) { closeCase(input: $input) { closedReason } }',
    input: (value, ids) => ({ caseId: ids.caseId, reason: value }),
    stream: caseStream,
    event: 'CaseClosed',
    stored: (data) => data.reason,
    answered: (data) => data.closeCase.closedReason,
  },
  { ...submit('input.subject', (value) => ({ subject: value }), (data) => data.subject, (data) => data.submitClue.subject), representative: true },
  submit('input.body', (value) => ({ body: value }), (data) => data.body, (data) => data.submitClue.body),
  submit(
    'input.claimedIdentity.fullName',
    (value) => ({ claimedIdentity: { personRole: 'VICTIM', fullName: value } }),
    (data) => data.claimedIdentity.fullName.value,
    (data) => data.submitClue.claimedIdentity.fullName.value,
  ),
  submit(
    'input.claimedIdentity.documentNumber',
    (value) => ({ claimedIdentity: { personRole: 'VICTIM', fullName: 'Tran Thi Hoa', documentNumber: value } }),
    (data) => data.claimedIdentity.documentNumber?.value,
    (data) => data.submitClue.claimedIdentity.documentNumber?.value,
  ),
  clueStep('input.question', 'ACKNOWLEDGED', recipient, 'requestClueInformation', 'RequestClueInformationInput', (value, ids) => ({ clueId: ids.clueId, question: value }), 'ClueInformationRequested', 'INFO_REQUESTED', 'question'),
  clueStep(
    'input.answer',
    'INFO_REQUESTED',
    investigator,
    'provideClueInformation',
    'ProvideClueInformationInput',
    (value, ids, ledger) => ({ clueId: ids.clueId, recipientAgencyId: ledger.partner.agencyId, answer: value }),
    'ClueInformationProvided',
    'INFO_PROVIDED',
    'answer',
  ),
  { ...clueStep('input.reason', 'ACKNOWLEDGED', recipient, 'declineClue', 'DeclineClueInput', (value, ids) => ({ clueId: ids.clueId, reason: value }), 'ClueDeclined', 'DECLINED', 'reason'), representative: true },
  clueStep('input.comment', 'ACCEPTED', recipient, 'giveClueFeedback', 'GiveClueFeedbackInput', (value, ids) => ({ clueId: ids.clueId, outcome: 'USEFUL', comment: value }), 'ClueFeedbackGiven', 'FEEDBACK_GIVEN', 'comment'),
  clueStep(
    'input.reason',
    'SUBMITTED',
    investigator,
    'withdrawClue',
    'WithdrawClueInput',
    (value, ids, ledger) => ({ clueId: ids.clueId, recipientAgencyId: ledger.partner.agencyId, reason: value }),
    'ClueWithdrawn',
    'WITHDRAWN',
    'reason',
  ),
  {
    field: 'input.name',
    prepare: async () => ({ officerId: slug('officer') }),
    actor: admin,
    document: 'mutation($input: RegisterOfficerInput!) { registerOfficer(input: $input) { id name } }',
    input: (value, ids) => ({ officerId: ids.officerId, name: value, roles: ['INVESTIGATOR'] }),
    stream: ownerAgencyStream,
    event: 'OfficerRegistered',
    representative: true,
    stored: (data) => data.name,
    answered: (data) => data.registerOfficer.name,
  },
  {
    field: 'input.reason',
    prepare: async (ledger) => {
      const officerId = slug('officer');
      await step(ledger, admin(ledger), 'registerOfficer', { officerId, name: 'To be suspended', roles: ['INVESTIGATOR'] });
      return { officerId };
    },
    actor: admin,
    document: 'mutation($input: SuspendOfficerInput!) { suspendOfficer(input: $input) { id suspended } }',
    input: (value, ids) => ({ officerId: ids.officerId, reason: value }),
    stream: ownerAgencyStream,
    event: 'OfficerSuspended',
    stored: (data) => data.reason,
  },
  {
    field: 'input.title',
    prepare: async () => ({ agreementId: randomUUID() }),
    actor: admin,
    document: 'mutation($input: ProposeAgreementInput!) { proposeAgreement(input: $input) { title } }',
    input: (value, ids, ledger) => ({
      agreementId: ids.agreementId,
      title: value,
      parties: [ledger.owner.agencyId, ledger.partner.agencyId],
      scope: ['TRAFFICKING'],
      categories: ['TRAVEL_ROUTE'],
      maxTlp: 'GREEN',
      validFrom: '2025-01-01',
      validUntil: '2027-12-31',
    }),
    stream: (ids) => `agreement-${ids.agreementId}`,
    event: 'AgreementProposed',
    representative: true,
    stored: (data) => data.title,
    answered: (data) => data.proposeAgreement.title,
  },
  {
    field: 'input.name',
    prepare: async () => ({ agencyId: slug('agency') }),
    actor: (ledger) => ({ officerId: DEMO_AGENCIES[0].officers[0].officerId, agencyId: DEMO_AGENCIES[0].agencyId, token: ledger.registrarToken }),
    document: 'mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { agencyId } }',
    input: (value, ids) => ({ agencyId: ids.agencyId, name: value, country: 'PT', kind: 'POLICE', mandates: ['TRAVEL_ROUTE'], admin: { officerId: `${ids.agencyId}-admin`, name: 'Admin', roles: ['AGENCY_ADMIN'] } }),
    stream: (ids) => `agency-${ids.agencyId}`,
    event: 'AgencyRegistered',
    representative: true,
    stored: (data) => data.name,
  },
];

/** What the command writes when it is accepted, for the command ledger. */
export function writesOf(field: TextField, ids: Ids, ledger: HostileLedger): (commandId: string) => ExpectedWrite[] {
  return (commandId) => [{ stream: field.stream(ids, ledger), commandId }];
}
