import {
  type AgencyKind,
  type AuditScope,
  type CaseKind,
  type CaseStatus,
  type ClueKind,
  type ClueOutcome,
  type ClueStatus,
  type DataCategory,
  IDENTIFICATION_OUTCOMES,
  LEAD_OUTCOMES,
  type AgreementStatus,
  type Role,
  type Tlp,
  tlpRank,
} from '@ledger/domain/shared/vocabulary';
import type { CommandInputs, MarkingsInput, OfficerRef, WorldCommand } from '../world/commands';

/**
 * The oracle's own model of the ledger: it replays a world's commands one by one, decides from
 * the rules (the domain's command definitions, re-stated here) whether the server must accept or
 * refuse each one, and keeps what the accepted ones recorded. It shares no code with the server:
 * plain records and plain checks, so that a wrong rule on either side shows up as a difference.
 */

/** When something happened: somewhere within the HTTP round trip of the command that did it. */
export interface TimeWindow {
  notBefore: number;
  notAfter: number;
}

export interface OfficerRecord {
  id: string;
  name: string;
  roles: Role[];
  auditScope: AuditScope;
  suspended: boolean;
}

export interface AgencyRecord {
  id: string;
  name: string;
  country: string;
  kind: AgencyKind;
  mandates: DataCategory[];
  officers: Map<string, OfficerRecord>;
}

export interface AgreementRecord {
  id: string;
  title: string;
  parties: string[];
  scope: CaseKind[];
  categories: DataCategory[];
  maxTlp: Tlp;
  validFrom: string;
  validUntil: string;
  proposedBy: string;
  status: AgreementStatus;
  signedAt: Map<string, TimeWindow>;
  statusReason: string | null;
}

export interface ShareRecord {
  recipient: string;
  agreementId: string;
  categories: DataCategory[];
  sharedAt: TimeWindow;
  revoked: boolean;
  revokedAt: TimeWindow | null;
  revokedReason: string | null;
}

export type FactRecord =
  | { type: 'person'; input: CommandInputs['recordPerson']; recordedAt: TimeWindow }
  | { type: 'route'; input: CommandInputs['recordRoute']; recordedAt: TimeWindow }
  | { type: 'organisation'; input: CommandInputs['recordOrganisation']; recordedAt: TimeWindow }
  | { type: 'moneyFlow'; input: CommandInputs['recordMoneyFlow']; recordedAt: TimeWindow }
  | { type: 'note'; input: CommandInputs['addNote']; recordedAt: TimeWindow };

export interface CaseRecord {
  id: string;
  owner: string;
  kind: CaseKind;
  title: string;
  summary: string;
  markings: MarkingsInput;
  openedAt: TimeWindow;
  /** Position in the ledger's order of openings, for "newest first". */
  sequence: number;
  openedForClueId: string | null;
  status: CaseStatus;
  jointPartners: string[];
  closedAt: TimeWindow | null;
  closedReason: string | null;
  shares: Map<string, ShareRecord>;
  facts: FactRecord[];
}

export interface StepRecord {
  status: ClueStatus;
  at: TimeWindow;
  agencyId: string;
  officerId: string;
  question: string | null;
  answer: string | null;
  reason: string | null;
  outcome: ClueOutcome | null;
  comment: string | null;
  linkedCaseId: string | null;
}

export interface ClueRecipientRecord {
  agencyId: string;
  agreementId: string;
  status: ClueStatus;
  linkedCaseId: string | null;
  outcome: ClueOutcome | null;
  steps: StepRecord[];
}

export interface ClueRecord {
  id: string;
  sender: string;
  kind: ClueKind;
  subject: string;
  body: string;
  markings: MarkingsInput;
  submittedAt: TimeWindow;
  sequence: number;
  senderCaseId: string | null;
  claimedIdentity: CommandInputs['submitClue']['claimedIdentity'] | null;
  recipients: Map<string, ClueRecipientRecord>;
}

/** What the oracle predicts for one command. */
export type Prediction = { accepted: true } | { accepted: false; rule: string };

/** The moment a command is decided at: the server's UTC date, and the command's round trip. */
export interface DecisionMoment {
  today: string;
  at: TimeWindow;
}

/** A refusal, thrown by a check and turned into a Prediction by `apply`. */
class Refusal extends Error {}

function refuse(rule: string): never {
  throw new Refusal(rule);
}

function check(condition: boolean, rule: string): void {
  if (!condition) refuse(rule);
}

const isBlank = (text: string | undefined): boolean => text === undefined || text.trim().length === 0;
const hasRepeats = (values: readonly string[]): boolean => new Set(values).size !== values.length;
const isCalendarDate = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** The order of a recipient's lifecycle: which command may move it from which statuses to which. */
const CLUE_STEPS = {
  acknowledgeClue: { by: 'RECIPIENT', from: ['SUBMITTED'], to: 'ACKNOWLEDGED' },
  requestClueInformation: { by: 'RECIPIENT', from: ['ACKNOWLEDGED', 'INFO_PROVIDED'], to: 'INFO_REQUESTED' },
  provideClueInformation: { by: 'SENDER', from: ['INFO_REQUESTED'], to: 'INFO_PROVIDED' },
  acceptClue: { by: 'RECIPIENT', from: ['ACKNOWLEDGED', 'INFO_PROVIDED'], to: 'ACCEPTED' },
  acceptClueIntoNewCase: { by: 'RECIPIENT', from: ['ACKNOWLEDGED', 'INFO_PROVIDED'], to: 'ACCEPTED' },
  declineClue: { by: 'RECIPIENT', from: ['ACKNOWLEDGED', 'INFO_PROVIDED'], to: 'DECLINED' },
  giveClueFeedback: { by: 'RECIPIENT', from: ['ACCEPTED'], to: 'FEEDBACK_GIVEN' },
  closeClue: { by: 'SENDER_OR_RECIPIENT', from: ['FEEDBACK_GIVEN', 'DECLINED'], to: 'CLOSED' },
  withdrawClue: { by: 'SENDER', from: ['SUBMITTED', 'ACKNOWLEDGED', 'INFO_REQUESTED', 'INFO_PROVIDED'], to: 'WITHDRAWN' },
} as const satisfies Record<string, { by: 'RECIPIENT' | 'SENDER' | 'SENDER_OR_RECIPIENT'; from: readonly ClueStatus[]; to: ClueStatus }>;
type ClueStepOp = keyof typeof CLUE_STEPS;

export class LedgerModel {
  readonly agencies = new Map<string, AgencyRecord>();
  readonly agreements = new Map<string, AgreementRecord>();
  readonly cases = new Map<string, CaseRecord>();
  readonly clues = new Map<string, ClueRecord>();
  private sequence = 0;

  /** An agency that exists before the world starts (the ledger's bootstrap agency and its admin). */
  seedAgency(agency: Omit<AgencyRecord, 'officers'>, admin: OfficerRecord): void {
    this.agencies.set(agency.id, { ...agency, mandates: [...agency.mandates], officers: new Map([[admin.id, { ...admin }]]) });
  }

  /** Decides `command` as the ledger must, and records its effects when it is accepted. */
  apply(command: WorldCommand, moment: DecisionMoment): Prediction {
    try {
      this.decideAndRecord(command, moment);
      return { accepted: true };
    } catch (error) {
      if (error instanceof Refusal) return { accepted: false, rule: error.message };
      throw error;
    }
  }

  /** ACTIVE and `today` within [validFrom, validUntil]. */
  isInForce(agreementId: string, today: string): boolean {
    const agreement = this.agreements.get(agreementId);
    return agreement !== undefined && agreement.status === 'ACTIVE' && agreement.validFrom <= today && today <= agreement.validUntil;
  }

  officer(ref: OfficerRef): OfficerRecord | undefined {
    return this.agencies.get(ref.agencyId)?.officers.get(ref.officerId);
  }

  /** A case the agency may see: its own, or one it holds a current share of under an agreement in force. */
  canSeeCase(agencyId: string, caseId: string, today: string): boolean {
    const record = this.cases.get(caseId);
    if (!record) return false;
    if (record.owner === agencyId) return true;
    const share = record.shares.get(agencyId);
    return share !== undefined && !share.revoked && this.isInForce(share.agreementId, today);
  }

  /** A clue the agency may see: one it sent, or one sent to it under an agreement in force. */
  canSeeClue(agencyId: string, clueId: string, today: string): boolean {
    const clue = this.clues.get(clueId);
    if (!clue) return false;
    if (clue.sender === agencyId) return true;
    const entry = clue.recipients.get(agencyId);
    return entry !== undefined && this.isInForce(entry.agreementId, today);
  }

  canSeeAgreement(agencyId: string, agreementId: string): boolean {
    return this.agreements.get(agreementId)?.parties.includes(agencyId) ?? false;
  }

  /**
   * A command may name only cases, clues and agreements its officer's agency can see: anything
   * else is NOT_FOUND, exactly as if it did not exist (common.graphql), before any rule is weighed.
   */
  private requireVisibleReferences(command: WorldCommand, today: string): void {
    const agencyId = command.actor.agencyId;
    const seeCase = (caseId: string) => check(this.canSeeCase(agencyId, caseId, today), 'case.visible-to-viewer');
    const seeClue = (clueId: string) => check(this.canSeeClue(agencyId, clueId, today), 'clue.visible-to-viewer');
    const seeAgreement = (agreementId: string) => check(this.canSeeAgreement(agencyId, agreementId), 'agreement.visible-to-viewer');
    switch (command.op) {
      case 'signAgreement':
      case 'suspendAgreement':
      case 'resumeAgreement':
      case 'terminateAgreement':
        return seeAgreement(command.input.agreementId);
      case 'recordPerson':
      case 'recordRoute':
      case 'recordOrganisation':
      case 'recordMoneyFlow':
      case 'addNote':
      case 'revokeShare':
      case 'declareJointInvestigation':
      case 'closeCase':
        return seeCase(command.input.caseId);
      case 'shareCase':
        seeCase(command.input.caseId);
        return seeAgreement(command.input.agreementId);
      case 'submitClue':
        if (command.input.senderCaseId !== undefined) seeCase(command.input.senderCaseId);
        for (const recipient of command.input.recipients) seeAgreement(recipient.agreementId);
        return;
      case 'acceptClue':
        seeClue(command.input.clueId);
        return seeCase(command.input.caseId);
      case 'acknowledgeClue':
      case 'requestClueInformation':
      case 'provideClueInformation':
      case 'acceptClueIntoNewCase':
      case 'declineClue':
      case 'giveClueFeedback':
      case 'closeClue':
      case 'withdrawClue':
        return seeClue(command.input.clueId);
      default:
        return;
    }
  }

  private decideAndRecord(command: WorldCommand, moment: DecisionMoment): void {
    const actor = this.activeOfficer(command.actor);
    this.requireVisibleReferences(command, moment.today);
    const agencyId = command.actor.agencyId;
    switch (command.op) {
      case 'registerAgency':
        return this.registerAgency(actor, command.input);
      case 'registerOfficer': {
        const agency = this.administered(actor, agencyId);
        check(!agency.officers.has(command.input.officerId), 'officer.unique');
        check(!isBlank(command.input.name), 'officer.name-given');
        checkRoles(command.input.roles, command.input.auditScope, agency.kind);
        agency.officers.set(command.input.officerId, { id: command.input.officerId, name: command.input.name, roles: [...command.input.roles], auditScope: command.input.auditScope, suspended: false });
        return;
      }
      case 'changeAgencyMandates': {
        const agency = this.administered(actor, agencyId);
        check(!hasRepeats(command.input.mandates), 'agency.mandates-distinct');
        agency.mandates = [...command.input.mandates];
        return;
      }
      case 'suspendOfficer': {
        const agency = this.administered(actor, agencyId);
        const target = agency.officers.get(command.input.officerId) ?? refuse('officer.exists');
        check(!isBlank(command.input.reason), 'officer.suspend.reason-stated');
        check(!target.suspended, 'officer.status-transition');
        const adminsLeft = [...agency.officers.values()].filter((o) => o !== target && !o.suspended && o.roles.includes('AGENCY_ADMIN'));
        check(adminsLeft.length > 0, 'agency.keeps-an-active-admin');
        target.suspended = true;
        return;
      }
      case 'reinstateOfficer': {
        const agency = this.administered(actor, agencyId);
        const target = agency.officers.get(command.input.officerId) ?? refuse('officer.exists');
        check(target.suspended, 'officer.status-transition');
        target.suspended = false;
        return;
      }

      case 'proposeAgreement':
        return this.proposeAgreement(actor, agencyId, command.input, moment);
      case 'signAgreement': {
        const agreement = this.partyAdminOf(actor, agencyId, command.input.agreementId);
        check(agreement.status === 'PROPOSED', 'agreement.status-transition');
        check(!agreement.signedAt.has(agencyId), 'agreement.sign.once-per-party');
        agreement.signedAt.set(agencyId, moment.at);
        if (agreement.parties.every((party) => agreement.signedAt.has(party))) agreement.status = 'ACTIVE';
        return;
      }
      case 'suspendAgreement': {
        const agreement = this.partyAdminOf(actor, agencyId, command.input.agreementId);
        check(agreement.status === 'ACTIVE', 'agreement.status-transition');
        check(!isBlank(command.input.reason), 'agreement.suspend.reason-stated');
        agreement.status = 'SUSPENDED';
        agreement.statusReason = command.input.reason;
        return;
      }
      case 'resumeAgreement': {
        const agreement = this.partyAdminOf(actor, agencyId, command.input.agreementId);
        check(agreement.status === 'SUSPENDED', 'agreement.status-transition');
        agreement.status = 'ACTIVE';
        agreement.statusReason = null;
        return;
      }
      case 'terminateAgreement': {
        const agreement = this.partyAdminOf(actor, agencyId, command.input.agreementId);
        check(agreement.status !== 'TERMINATED', 'agreement.status-transition');
        check(!isBlank(command.input.reason), 'agreement.terminate.reason-stated');
        agreement.status = 'TERMINATED';
        agreement.statusReason = command.input.reason;
        return;
      }

      case 'openCase':
        check(actor.roles.includes('INVESTIGATOR'), 'case.open.by-investigator');
        {
          const opened = this.openCase(agencyId, command.input, null, moment);
          this.cases.set(opened.id, opened);
        }
        return;
      case 'recordPerson':
      case 'recordRoute':
      case 'recordOrganisation':
      case 'recordMoneyFlow':
      case 'addNote':
        return this.recordFact(actor, agencyId, command, moment);
      case 'shareCase':
        return this.shareCase(actor, agencyId, command.input, moment);
      case 'revokeShare': {
        // Closing a case does not freeze who sees it: a share can be revoked after closing.
        const record = this.changeableCase(actor, agencyId, command.input.caseId, { evenClosed: true });
        const share = record.shares.get(command.input.recipientAgencyId);
        check(share !== undefined && !share.revoked, 'case.revoke.active-share');
        check(!isBlank(command.input.reason), 'case.revoke.reason-stated');
        Object.assign(share as ShareRecord, { revoked: true, revokedAt: moment.at, revokedReason: command.input.reason });
        return;
      }
      case 'declareJointInvestigation': {
        const record = this.changeableCase(actor, agencyId, command.input.caseId);
        const partners = command.input.partnerAgencyIds;
        check(record.status === 'OPEN', 'case.status-transition');
        check(partners.length > 0 && !hasRepeats(partners), 'case.joint.partners-given');
        check(
          partners.every((partner) => record.shares.get(partner)?.revoked === false),
          'case.joint.partners-hold-share',
        );
        record.status = 'JOINT';
        record.jointPartners = [...partners];
        return;
      }
      case 'closeCase': {
        const record = this.changeableCase(actor, agencyId, command.input.caseId);
        check(!isBlank(command.input.reason), 'case.close.reason-stated');
        record.status = 'CLOSED';
        record.closedAt = moment.at;
        record.closedReason = command.input.reason;
        return;
      }

      case 'submitClue':
        check(actor.roles.includes('INVESTIGATOR') || actor.roles.includes('LIAISON_OFFICER'), 'clue.by-investigator-or-liaison');
        return this.submitClue(command.actor, command.input, moment);
      case 'acknowledgeClue':
      case 'requestClueInformation':
      case 'provideClueInformation':
      case 'acceptClue':
      case 'acceptClueIntoNewCase':
      case 'declineClue':
      case 'giveClueFeedback':
      case 'closeClue':
      case 'withdrawClue':
        check(actor.roles.includes('INVESTIGATOR') || actor.roles.includes('LIAISON_OFFICER'), 'clue.by-investigator-or-liaison');
        return this.clueStep(command.actor, command, moment);
    }
  }

  /** The acting officer, registered with the agency it claims and not suspended. */
  private activeOfficer(ref: OfficerRef): OfficerRecord {
    const officer = this.officer(ref) ?? refuse('actor.registered-officer');
    check(!officer.suspended, 'actor.not-suspended');
    return officer;
  }

  private administered(actor: OfficerRecord, agencyId: string): AgencyRecord {
    check(actor.roles.includes('AGENCY_ADMIN'), 'agency.administered-by-own-admins');
    return this.agencies.get(agencyId) as AgencyRecord;
  }

  private registerAgency(actor: OfficerRecord, input: CommandInputs['registerAgency']): void {
    check(actor.roles.includes('AGENCY_ADMIN'), 'agency.register.by-agency-admin');
    check(input.agencyId !== 'system', 'agency.id-not-reserved');
    check(!this.agencies.has(input.agencyId), 'agency.unique');
    check(!isBlank(input.name), 'agency.name-given');
    check(!hasRepeats(input.mandates), 'agency.mandates-distinct');
    check(input.admin.roles.includes('AGENCY_ADMIN'), 'agency.first-officer-is-admin');
    check(!isBlank(input.admin.name), 'officer.name-given');
    checkRoles(input.admin.roles, input.admin.auditScope, input.kind);
    const admin: OfficerRecord = { id: input.admin.officerId, name: input.admin.name, roles: [...input.admin.roles], auditScope: input.admin.auditScope, suspended: false };
    this.agencies.set(input.agencyId, {
      id: input.agencyId,
      name: input.name,
      country: input.country,
      kind: input.kind,
      mandates: [...input.mandates],
      officers: new Map([[admin.id, admin]]),
    });
  }

  private proposeAgreement(actor: OfficerRecord, agencyId: string, input: CommandInputs['proposeAgreement'], moment: DecisionMoment): void {
    check(actor.roles.includes('AGENCY_ADMIN') && input.parties.includes(agencyId), 'agreement.by-party-admin');
    check(!this.agreements.has(input.agreementId), 'agreement.unique');
    check(!isBlank(input.title), 'agreement.title-given');
    check(!hasRepeats(input.parties), 'agreement.parties-distinct');
    check(input.parties.length >= 2, 'agreement.parties-at-least-two');
    check(input.scope.length > 0 && !hasRepeats(input.scope), 'agreement.scope-given');
    check(input.categories.length > 0 && !hasRepeats(input.categories), 'agreement.categories-given');
    check(isCalendarDate(input.validFrom) && isCalendarDate(input.validUntil) && input.validFrom <= input.validUntil, 'agreement.validity-dates');
    check(input.validUntil >= moment.today, 'agreement.validity-not-over');
    check(
      input.parties.every((party) => this.agencies.has(party)),
      'agreement.parties-registered',
    );
    this.agreements.set(input.agreementId, {
      id: input.agreementId,
      title: input.title,
      parties: [...input.parties],
      scope: [...input.scope],
      categories: [...input.categories],
      maxTlp: input.maxTlp,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      proposedBy: agencyId,
      status: 'PROPOSED',
      signedAt: new Map(),
      statusReason: null,
    });
  }

  private partyAdminOf(actor: OfficerRecord, agencyId: string, agreementId: string): AgreementRecord {
    const agreement = this.agreements.get(agreementId) ?? refuse('agreement.exists');
    check(actor.roles.includes('AGENCY_ADMIN') && agreement.parties.includes(agencyId), 'agreement.by-party-admin');
    return agreement;
  }

  private openCase(owner: string, draft: CommandInputs['openCase'], openedForClueId: string | null, moment: DecisionMoment): CaseRecord {
    check(!this.cases.has(draft.caseId), 'case.unique');
    check(!isBlank(draft.title), 'case.title-given');
    checkMarkings(draft.markings);
    const record: CaseRecord = {
      id: draft.caseId,
      owner,
      kind: draft.kind,
      title: draft.title,
      summary: draft.summary,
      markings: draft.markings,
      openedAt: moment.at,
      sequence: this.sequence++,
      openedForClueId,
      status: 'OPEN',
      jointPartners: [],
      closedAt: null,
      closedReason: null,
      shares: new Map(),
      facts: [],
    };
    return record;
  }

  /** A case the actor's agency owns, that the actor (an INVESTIGATOR) may change, and (unless told) that is not closed. */
  private changeableCase(actor: OfficerRecord, agencyId: string, caseId: string, options: { evenClosed?: boolean } = {}): CaseRecord {
    const record = this.cases.get(caseId) ?? refuse('case.exists');
    check(record.owner === agencyId && actor.roles.includes('INVESTIGATOR'), 'case.by-owner-investigator');
    check(options.evenClosed === true || record.status !== 'CLOSED', 'case.closed-accepts-no-changes');
    return record;
  }

  private recordFact(
    actor: OfficerRecord,
    agencyId: string,
    command: Extract<WorldCommand, { op: 'recordPerson' | 'recordRoute' | 'recordOrganisation' | 'recordMoneyFlow' | 'addNote' }>,
    moment: DecisionMoment,
  ): void {
    const record = this.changeableCase(actor, agencyId, command.input.caseId);
    const factId = factIdOf(command);
    check(!record.facts.some((fact) => factIdOfRecord(fact) === factId), 'case.fact.id-unique');
    checkMarkings(command.input.markings);
    check(tlpRank(command.input.markings.tlp) >= tlpRank(record.markings.tlp), 'case.fact.markings-not-looser');
    const recordedAt = moment.at;
    switch (command.op) {
      case 'recordPerson':
        check(!isBlank(command.input.fullName), 'case.person.name-given');
        record.facts.push({ type: 'person', input: command.input, recordedAt });
        return;
      case 'recordRoute':
        record.facts.push({ type: 'route', input: command.input, recordedAt });
        return;
      case 'recordOrganisation':
        check(!isBlank(command.input.name), 'case.organisation.name-given');
        record.facts.push({ type: 'organisation', input: command.input, recordedAt });
        return;
      case 'recordMoneyFlow':
        check(Number.isFinite(command.input.amount) && command.input.amount > 0, 'case.money-flow.amount-positive');
        check(isCalendarDate(command.input.date), 'case.money-flow.date');
        record.facts.push({ type: 'moneyFlow', input: command.input, recordedAt });
        return;
      case 'addNote':
        check(!isBlank(command.input.text), 'case.note.text-given');
        record.facts.push({ type: 'note', input: command.input, recordedAt });
        return;
    }
  }

  private shareCase(actor: OfficerRecord, agencyId: string, input: CommandInputs['shareCase'], moment: DecisionMoment): void {
    const existing = this.cases.get(input.caseId) ?? refuse('case.exists');
    check(existing.owner === agencyId, 'case.share.no-re-share');
    const record = this.changeableCase(actor, agencyId, input.caseId);
    const recipients = input.recipientAgencyIds;
    check(recipients.length > 0 && !hasRepeats(recipients), 'case.share.recipients-given');
    check(!recipients.includes(record.owner), 'case.share.not-with-own-agency');
    check(record.markings.tlp !== 'RED' || recipients.length === 1, 'case.share.red-single-recipient');
    check(!hasRepeats(input.categories), 'case.share.categories-distinct');
    const agreement = this.agreements.get(input.agreementId) ?? refuse('case.share.agreement-exists');
    check(this.isInForce(agreement.id, moment.today), 'case.share.agreement-in-force');
    check(agreement.scope.includes(record.kind), 'case.share.agreement-covers-kind');
    check(tlpRank(record.markings.tlp) <= tlpRank(agreement.maxTlp), 'case.share.tlp-within-agreement');
    check(
      input.categories.every((category) => agreement.categories.includes(category)),
      'case.share.categories-within-agreement',
    );
    check(agreement.parties.includes(record.owner), 'case.share.parties-to-agreement');
    for (const recipient of recipients) {
      const agency = this.agencies.get(recipient) ?? refuse('case.share.recipient-registered');
      check(agreement.parties.includes(recipient), 'case.share.parties-to-agreement');
      check(
        input.categories.every((category) => agency.mandates.includes(category)),
        'case.share.categories-within-mandate',
      );
    }
    for (const recipient of recipients) {
      record.shares.set(recipient, {
        recipient,
        agreementId: agreement.id,
        categories: [...input.categories],
        sharedAt: moment.at,
        revoked: false,
        revokedAt: null,
        revokedReason: null,
      });
    }
  }

  private submitClue(actor: OfficerRef, input: CommandInputs['submitClue'], moment: DecisionMoment): void {
    const sender = actor.agencyId;
    const recipients = input.recipients.map((recipient) => recipient.agencyId);
    check(!this.clues.has(input.clueId), 'clue.unique');
    check(recipients.length > 0 && !hasRepeats(recipients), 'clue.submit.recipients-given');
    check(!recipients.includes(sender), 'clue.submit.not-to-own-agency');
    check(input.markings.tlp !== 'RED' || recipients.length === 1, 'clue.submit.red-single-recipient');
    check(!isBlank(input.subject), 'clue.submit.subject-given');
    check(!isBlank(input.body), 'clue.submit.body-given');
    checkMarkings(input.markings);
    check((input.kind === 'IDENTIFICATION_REQUEST') === (input.claimedIdentity !== undefined), 'clue.submit.identity-only-for-identification-request');
    if (input.senderCaseId !== undefined) {
      const senderCase = this.cases.get(input.senderCaseId) ?? refuse('clue.submit.sender-case-exists');
      check(senderCase.owner === sender, 'clue.submit.sender-case-owned');
    }
    for (const { agencyId, agreementId } of input.recipients) {
      check(this.agencies.has(agencyId), 'clue.submit.recipient-registered');
      const agreement = this.agreements.get(agreementId) ?? refuse('clue.submit.agreement-exists');
      check(this.isInForce(agreementId, moment.today), 'clue.submit.agreement-in-force');
      check(agreement.parties.includes(sender) && agreement.parties.includes(agencyId), 'clue.submit.parties-to-agreement');
      check(tlpRank(input.markings.tlp) <= tlpRank(agreement.maxTlp), 'clue.submit.tlp-within-agreement');
    }
    if (input.claimedIdentity !== undefined) check(!isBlank(input.claimedIdentity.fullName), 'clue.submit.identity-name-given');

    const entries = new Map<string, ClueRecipientRecord>();
    for (const { agencyId, agreementId } of input.recipients) {
      entries.set(agencyId, {
        agencyId,
        agreementId,
        status: 'SUBMITTED',
        linkedCaseId: null,
        outcome: null,
        steps: [step('SUBMITTED', moment.at, actor, {})],
      });
    }
    this.clues.set(input.clueId, {
      id: input.clueId,
      sender,
      kind: input.kind,
      subject: input.subject,
      body: input.body,
      markings: input.markings,
      submittedAt: moment.at,
      sequence: this.sequence++,
      senderCaseId: input.senderCaseId ?? null,
      claimedIdentity: input.claimedIdentity ?? null,
      recipients: entries,
    });
  }

  private clueStep(actor: OfficerRef, command: Extract<WorldCommand, { op: ClueStepOp }>, moment: DecisionMoment): void {
    const clue = this.clues.get(command.input.clueId) ?? refuse('clue.exists');
    const rule = CLUE_STEPS[command.op];
    const actorAgency = actor.agencyId;
    let recipientId: string;
    if (rule.by === 'RECIPIENT') {
      check(clue.recipients.has(actorAgency), 'clue.recipient-only');
      recipientId = actorAgency;
    } else {
      // The sender names the recipient; a recipient closing its own part names nobody.
      const named = 'recipientAgencyId' in command.input && command.input.recipientAgencyId !== undefined ? command.input.recipientAgencyId : actorAgency;
      if (rule.by === 'SENDER') check(actorAgency === clue.sender, 'clue.sender-only');
      else check(actorAgency === clue.sender || actorAgency === named, 'clue.close.by-sender-or-recipient');
      check(clue.recipients.has(named), 'clue.recipient-exists');
      recipientId = named;
    }
    const entry = clue.recipients.get(recipientId) as ClueRecipientRecord;
    check((rule.from as readonly ClueStatus[]).includes(entry.status), 'clue.status-transition');

    const detail: Partial<StepRecord> = {};
    switch (command.op) {
      case 'requestClueInformation':
        check(!isBlank(command.input.question), 'clue.request-information.question-stated');
        detail.question = command.input.question;
        break;
      case 'provideClueInformation':
        check(!isBlank(command.input.answer), 'clue.provide-information.answer-stated');
        detail.answer = command.input.answer;
        break;
      case 'declineClue':
        check(!isBlank(command.input.reason), 'clue.decline.reason-stated');
        detail.reason = command.input.reason;
        break;
      case 'withdrawClue':
        check(!isBlank(command.input.reason), 'clue.withdraw.reason-stated');
        detail.reason = command.input.reason;
        break;
      case 'giveClueFeedback': {
        const allowed: readonly ClueOutcome[] = clue.kind === 'IDENTIFICATION_REQUEST' ? IDENTIFICATION_OUTCOMES : LEAD_OUTCOMES;
        check(allowed.includes(command.input.outcome), 'clue.feedback.outcome-fits-kind');
        detail.outcome = command.input.outcome;
        detail.comment = command.input.comment;
        entry.outcome = command.input.outcome;
        break;
      }
      case 'acceptClue': {
        const linked = this.cases.get(command.input.caseId) ?? refuse('clue.accept.case-exists');
        check(linked.owner === recipientId, 'clue.accept.own-case');
        check(linked.status !== 'CLOSED', 'clue.accept.case-not-closed');
        detail.linkedCaseId = linked.id;
        entry.linkedCaseId = linked.id;
        break;
      }
      case 'acceptClueIntoNewCase': {
        // Opening the case and accepting the clue are decided together: a refusal opens nothing.
        const opened = this.openCase(recipientId, command.input.newCase, clue.id, moment);
        this.cases.set(opened.id, opened);
        detail.linkedCaseId = opened.id;
        entry.linkedCaseId = opened.id;
        break;
      }
      default:
        break;
    }
    entry.status = rule.to;
    entry.steps.push(step(rule.to, moment.at, actor, detail));
  }
}

function step(status: ClueStatus, at: TimeWindow, actor: OfficerRef, detail: Partial<StepRecord>): StepRecord {
  return {
    status,
    at,
    agencyId: actor.agencyId,
    officerId: actor.officerId,
    question: detail.question ?? null,
    answer: detail.answer ?? null,
    reason: detail.reason ?? null,
    outcome: detail.outcome ?? null,
    comment: detail.comment ?? null,
    linkedCaseId: detail.linkedCaseId ?? null,
  };
}

function checkMarkings(markings: MarkingsInput): void {
  check(!hasRepeats(markings.handling), 'markings.handling-codes-distinct');
  const hasNote = !isBlank(markings.handlingNote);
  check(markings.handling.includes('H3') ? hasNote : markings.handlingNote === undefined, 'markings.h3-states-restriction');
}

function checkRoles(roles: Role[], auditScope: AuditScope, kind: AgencyKind): void {
  check(roles.length > 0 && !hasRepeats(roles), 'officer.roles-given');
  if (auditScope === 'ALL') {
    check(kind === 'OVERSIGHT', 'officer.audit-scope-all-only-for-oversight');
    check(roles.includes('AUDITOR'), 'officer.audit-scope-all-needs-auditor-role');
  }
}

function factIdOf(command: Extract<WorldCommand, { op: 'recordPerson' | 'recordRoute' | 'recordOrganisation' | 'recordMoneyFlow' | 'addNote' }>): string {
  switch (command.op) {
    case 'recordPerson':
      return command.input.personId;
    case 'recordRoute':
      return command.input.routeId;
    case 'recordOrganisation':
      return command.input.organisationId;
    case 'recordMoneyFlow':
      return command.input.flowId;
    case 'addNote':
      return command.input.noteId;
  }
}

export function factIdOfRecord(fact: FactRecord): string {
  switch (fact.type) {
    case 'person':
      return fact.input.personId;
    case 'route':
      return fact.input.routeId;
    case 'organisation':
      return fact.input.organisationId;
    case 'moneyFlow':
      return fact.input.flowId;
    case 'note':
      return fact.input.noteId;
  }
}
