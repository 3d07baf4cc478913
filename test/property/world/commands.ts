import type {
  AgencyKind,
  AuditScope,
  CaseKind,
  ClueKind,
  ClueOutcome,
  DataCategory,
  HandlingCode,
  OrganisationKind,
  PersonRole,
  Role,
  Tlp,
  TravelMethod,
} from '@ledger/domain/shared/vocabulary';

/**
 * The commands of a generated world, exactly as the GraphQL API takes them: `op` is the mutation
 * field, `input` its input object, `actor` the officer whose token sends it. Both the oracle and
 * the HTTP driver read this one representation, so what the oracle models is what was sent.
 */

/** The API's names for the information-credibility grades 1–4. */
export const CREDIBILITY_NAMES = ['NOT_IN_DOUBT', 'KNOWN_TO_SOURCE', 'CORROBORATED', 'NOT_CORROBORATED'] as const;
export type CredibilityName = (typeof CREDIBILITY_NAMES)[number];

export interface MarkingsInput {
  tlp: Tlp;
  handling: HandlingCode[];
  handlingNote?: string;
  evaluation?: { source: 'A' | 'B' | 'C' | 'X'; information: CredibilityName };
}

export interface PlaceInput {
  country: string;
  city?: string;
}

export interface OfficerInput {
  officerId: string;
  name: string;
  roles: Role[];
  auditScope: AuditScope;
}

export interface CommandInputs {
  registerAgency: { agencyId: string; name: string; country: string; kind: AgencyKind; mandates: DataCategory[]; admin: OfficerInput };
  registerOfficer: OfficerInput;
  changeAgencyMandates: { mandates: DataCategory[] };
  suspendOfficer: { officerId: string; reason: string };
  reinstateOfficer: { officerId: string };

  proposeAgreement: {
    agreementId: string;
    title: string;
    parties: string[];
    scope: CaseKind[];
    categories: DataCategory[];
    maxTlp: Tlp;
    validFrom: string;
    validUntil: string;
  };
  signAgreement: { agreementId: string };
  suspendAgreement: { agreementId: string; reason: string };
  resumeAgreement: { agreementId: string };
  terminateAgreement: { agreementId: string; reason: string };

  openCase: { caseId: string; kind: CaseKind; title: string; summary: string; markings: MarkingsInput };
  recordPerson: {
    caseId: string;
    personId: string;
    role: PersonRole;
    fullName: string;
    dateOfBirth?: string;
    nationality?: string;
    documentNumber?: string;
    phoneNumber?: string;
    address?: string;
    markings: MarkingsInput;
  };
  recordRoute: { caseId: string; routeId: string; origin: PlaceInput; transit: PlaceInput[]; destination: PlaceInput; method: TravelMethod; markings: MarkingsInput };
  recordOrganisation: { caseId: string; organisationId: string; name: string; kind: OrganisationKind; country: string; address?: string; markings: MarkingsInput };
  recordMoneyFlow: {
    caseId: string;
    flowId: string;
    fromAccount: string;
    toAccount: string;
    amount: number;
    currency: string;
    date: string;
    channel: string;
    markings: MarkingsInput;
  };
  addNote: { caseId: string; noteId: string; text: string; markings: MarkingsInput };
  shareCase: { caseId: string; recipientAgencyIds: string[]; agreementId: string; categories: DataCategory[] };
  revokeShare: { caseId: string; recipientAgencyId: string; reason: string };
  declareJointInvestigation: { caseId: string; partnerAgencyIds: string[] };
  closeCase: { caseId: string; reason: string };

  submitClue: {
    clueId: string;
    recipients: { agencyId: string; agreementId: string }[];
    kind: ClueKind;
    subject: string;
    body: string;
    markings: MarkingsInput;
    senderCaseId?: string;
    claimedIdentity?: { personRole: PersonRole; fullName: string; dateOfBirth?: string; nationality?: string; documentNumber?: string };
  };
  acknowledgeClue: { clueId: string };
  requestClueInformation: { clueId: string; question: string };
  provideClueInformation: { clueId: string; recipientAgencyId: string; answer: string };
  acceptClue: { clueId: string; caseId: string };
  acceptClueIntoNewCase: { clueId: string; newCase: { caseId: string; kind: CaseKind; title: string; summary: string; markings: MarkingsInput } };
  declineClue: { clueId: string; reason: string };
  giveClueFeedback: { clueId: string; outcome: ClueOutcome; comment: string };
  closeClue: { clueId: string; recipientAgencyId?: string };
  withdrawClue: { clueId: string; recipientAgencyId: string; reason: string };
}

export type CommandOp = keyof CommandInputs;

/** The officer whose token sends a command. */
export interface OfficerRef {
  officerId: string;
  agencyId: string;
}

export type WorldCommand = { [Op in CommandOp]: { op: Op; actor: OfficerRef; input: CommandInputs[Op] } }[CommandOp];

/** What each mutation answers with: the changed entity as the actor's agency now sees it. */
export type AnswerKind = 'Case' | 'Clue' | 'Agreement' | 'Agency' | 'Officer' | 'AgencyRegistration';

export const ANSWER_OF: Record<CommandOp, AnswerKind> = {
  registerAgency: 'AgencyRegistration',
  registerOfficer: 'Officer',
  changeAgencyMandates: 'Agency',
  suspendOfficer: 'Officer',
  reinstateOfficer: 'Officer',
  proposeAgreement: 'Agreement',
  signAgreement: 'Agreement',
  suspendAgreement: 'Agreement',
  resumeAgreement: 'Agreement',
  terminateAgreement: 'Agreement',
  openCase: 'Case',
  recordPerson: 'Case',
  recordRoute: 'Case',
  recordOrganisation: 'Case',
  recordMoneyFlow: 'Case',
  addNote: 'Case',
  shareCase: 'Case',
  revokeShare: 'Case',
  declareJointInvestigation: 'Case',
  closeCase: 'Case',
  submitClue: 'Clue',
  acknowledgeClue: 'Clue',
  requestClueInformation: 'Clue',
  provideClueInformation: 'Clue',
  acceptClue: 'Clue',
  acceptClueIntoNewCase: 'Clue',
  declineClue: 'Clue',
  giveClueFeedback: 'Clue',
  closeClue: 'Clue',
  withdrawClue: 'Clue',
};

/** The input type name the API declares for each mutation. */
export function inputTypeName(op: CommandOp): string {
  return `${op.charAt(0).toUpperCase()}${op.slice(1)}Input`;
}

/** A one-line rendering of a command, for failure reports. */
export function describeCommand(command: WorldCommand): string {
  return `${command.actor.officerId}@${command.actor.agencyId} ${command.op} ${JSON.stringify(command.input)}`;
}
