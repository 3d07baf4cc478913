import { createHash } from 'node:crypto';
import { DATA_CATEGORIES, type DataCategory, IDENTIFICATION_OUTCOMES, LEAD_OUTCOMES, TLP_LEVELS, tlpRank } from '@ledger/domain/shared/vocabulary';
import type { CaseKind, ClueKind, ClueStatus, Tlp } from '@ledger/domain/shared/vocabulary';
import type { MarkingsInput, OfficerRef, WorldCommand } from './commands';
import type { ActorChoice, AgencySpec, ClueStepName, FactSpec, Intent, OfficerSlot, WorldSpec } from './world-spec';

/**
 * Binds a generated world to concrete ids (unique per run, through `suffix`) and to dates around
 * `today`, and turns its intents into the API commands to send, in order. References resolve
 * against what earlier intents declared, whether or not the server accepted it: the generator
 * aims at commands that are plausible, the oracle decides which the ledger must accept.
 */

export interface WorldAgency {
  id: string;
  spec: AgencySpec;
  officers: Record<OfficerSlot, OfficerRef>;
}

export interface MaterialisedWorld {
  suffix: string;
  agencies: WorldAgency[];
  commands: WorldCommand[];
  /** A short readable name for every UUID the world uses (case#3, clue#7, …), for failure reports. */
  labels: Map<string, string>;
  /** Token holders claiming an officer or agency they are not: every command and query of theirs must be refused. */
  impostors?: OfficerRef[];
}

export interface MaterialiseOptions {
  suffix: string;
  /** The server's UTC date, YYYY-MM-DD. */
  today: string;
  /** The admin of an agency that already exists, who registers the world's agencies. */
  registrar: OfficerRef;
}

interface DeclaredAgreement {
  id: string;
  parties: string[];
  categories: DataCategory[];
  scope: CaseKind[];
  maxTlp: Tlp;
  /** Signed by all, within its window and not suspended or terminated, as far as the intents so far say. */
  likelyInForce: boolean;
  suspended?: boolean;
}
interface DeclaredCase {
  id: string;
  owner: number;
  kind: CaseKind;
  tlp: Tlp;
  shares: Map<string, { agreementId: string; categories: DataCategory[] }>;
  /** Categories of the personal fields recorded so far. */
  factCategories: Set<DataCategory>;
}
interface DeclaredClue {
  id: string;
  sender: number;
  kind: ClueKind;
  recipients: string[];
  agreementIds: string[];
  status: Map<string, ClueStatus>;
}

export function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00.000Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/**
 * The API wants UUIDs for agreements, cases, facts and clues: derive them from the world's suffix
 * and a serial number, so that a world materialised twice names the same things.
 */
export function worldUuid(suffix: string, serial: number): string {
  const hex = createHash('sha256').update(`${suffix}/${serial}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function materialise(spec: WorldSpec, options: MaterialiseOptions): MaterialisedWorld {
  const { suffix, today } = options;
  const labels = new Map<string, string>();
  /** A fresh UUID for a thing of `kind`, remembered under a readable label. */
  const uuid = (kind: string, serial: number): string => {
    const id = worldUuid(suffix, serial);
    labels.set(id, `${kind}#${serial}`);
    return id;
  };
  const agencies: WorldAgency[] = spec.agencies.map((agencySpec, index) => {
    const id = `a${index}-${suffix}`;
    return {
      id,
      spec: agencySpec,
      officers: {
        admin: { agencyId: id, officerId: `${id}-admin` },
        investigator: { agencyId: id, officerId: `${id}-investigator` },
        liaison: { agencyId: id, officerId: `${id}-liaison` },
      },
    };
  });
  const n = agencies.length;
  const indexOf = new Map(agencies.map((agency, index) => [agency.id, index]));
  const commands: WorldCommand[] = [];
  const mandates = agencies.map((agency) => [...agency.spec.mandates]);
  const agreements: DeclaredAgreement[] = [];
  const cases: DeclaredCase[] = [];
  const clues: DeclaredClue[] = [];
  let counter = 0;
  const next = () => counter++;

  for (const agency of agencies) {
    const { id, spec: agencySpec, officers } = agency;
    commands.push({
      op: 'registerAgency',
      actor: options.registrar,
      input: {
        agencyId: id,
        name: `Agency ${id}`,
        country: agencySpec.country,
        kind: agencySpec.kind,
        mandates: [...agencySpec.mandates],
        admin: { officerId: officers.admin.officerId, name: `Admin of ${id}`, roles: ['AGENCY_ADMIN'], auditScope: 'OWN' },
      },
    });
    commands.push({ op: 'registerOfficer', actor: officers.admin, input: { officerId: officers.investigator.officerId, name: `Investigator of ${id}`, roles: ['INVESTIGATOR'], auditScope: 'OWN' } });
    commands.push({ op: 'registerOfficer', actor: officers.admin, input: { officerId: officers.liaison.officerId, name: `Liaison of ${id}`, roles: ['LIAISON_OFFICER'], auditScope: 'OWN' } });
  }

  /** The officer that sends a command meant for `slot` of agency `index`, or a deliberately wrong one. */
  const actor = (index: number, slot: OfficerSlot, choice: ActorChoice, wrongSlot: OfficerSlot): OfficerRef => {
    if (choice === 'wrongRole') return agencies[index].officers[wrongSlot];
    if (choice === 'otherAgency') return agencies[(index + 1) % n].officers[slot];
    return agencies[index].officers[slot];
  };
  const pick = <T>(list: readonly T[], at: number): T | undefined => (list.length === 0 ? undefined : list[at % list.length]);
  /** An agreement the case's owner could share it under, as far as the intents so far say. */
  const fits = (agreement: DeclaredAgreement, target: DeclaredCase): boolean =>
    agreement.likelyInForce &&
    agreement.parties.includes(agencies[target.owner].id) &&
    agreement.scope.includes(target.kind) &&
    tlpRank(agreement.maxTlp) >= tlpRank(target.tlp);

  for (const intent of [...spec.openingAgreements, ...spec.openingCases, ...spec.intents]) {
    switch (intent.type) {
      case 'proposeAgreement': {
        const proposer = intent.proposer % n;
        const parties = [agencies[proposer].id];
        for (const other of intent.others) {
          const party = agencies[other % n].id;
          if (!parties.includes(party)) parties.push(party);
        }
        if (parties.length < 2) parties.push(agencies[(proposer + 1) % n].id);
        const agreementId = uuid('agreement', next());
        const coversToday = intent.validFrom <= 0 && intent.validUntil >= 0;
        agreements.push({ id: agreementId, parties, categories: intent.categories, scope: intent.scope, maxTlp: intent.maxTlp, likelyInForce: intent.signing === 'all' && coversToday });
        commands.push({
          op: 'proposeAgreement',
          actor: actor(proposer, 'admin', intent.actor, 'investigator'),
          input: {
            agreementId,
            title: `Agreement ${agreementId}`,
            parties,
            scope: [...intent.scope],
            categories: [...intent.categories],
            maxTlp: intent.maxTlp,
            validFrom: addDays(today, intent.validFrom),
            validUntil: addDays(today, Math.max(intent.validFrom, intent.validUntil)),
          },
        });
        // An agreement whose window is already over is refused; signing it would only repeat the refusal.
        const over = intent.validUntil < 0;
        const signers = over ? [] : intent.signing === 'all' ? parties : intent.signing === 'some' ? parties.slice(0, -1) : [];
        for (const party of signers) {
          commands.push({ op: 'signAgreement', actor: agencies[indexOf.get(party) as number].officers.admin, input: { agreementId } });
        }
        break;
      }
      case 'signAgreement':
      case 'suspendAgreement':
      case 'resumeAgreement':
      case 'terminateAgreement': {
        // Suspending an agreement nothing flows under shows little: mostly aim at one in use.
        const inUse = new Set([...cases.flatMap((declared) => [...declared.shares.values()].map((share) => share.agreementId)), ...clues.flatMap((clue) => clue.agreementIds)]);
        const used = agreements.filter((agreement) => inUse.has(agreement.id));
        const aimed = intent.type !== 'signAgreement' && intent.aimAtUsed && used.length > 0 ? used : agreements;
        const agreement = pick(aimed, intent.agreement);
        if (!agreement) break;
        const party = indexOf.get(pick(agreement.parties, intent.party) as string) as number;
        const by = actor(party, 'admin', intent.actor, 'liaison');
        const agreementId = agreement.id;
        if (intent.type === 'suspendAgreement' || intent.type === 'terminateAgreement') agreement.likelyInForce = false;
        if (intent.type === 'resumeAgreement' && agreement.suspended) agreement.likelyInForce = true;
        if (intent.type === 'suspendAgreement') agreement.suspended = true;
        if (intent.type === 'signAgreement') commands.push({ op: 'signAgreement', actor: by, input: { agreementId } });
        if (intent.type === 'suspendAgreement') commands.push({ op: 'suspendAgreement', actor: by, input: { agreementId, reason: `Suspended ${next()}` } });
        if (intent.type === 'resumeAgreement') commands.push({ op: 'resumeAgreement', actor: by, input: { agreementId } });
        if (intent.type === 'terminateAgreement') commands.push({ op: 'terminateAgreement', actor: by, input: { agreementId, reason: `Terminated ${next()}` } });
        break;
      }
      case 'changeMandates': {
        // Narrowing shows where it hurts: an agency loses a category it holds in a share.
        const held = (index: number) =>
          cases.flatMap((declared) => (declared.shares.get(agencies[index].id)?.categories ?? []).filter((category) => declared.factCategories.has(category) && mandates[index].includes(category)));
        const holders = agencies.map((_, index) => index).filter((index) => held(index).length > 0);
        const index = intent.mode === 'narrow' && holders.length > 0 ? (pick(holders, intent.agency) as number) : intent.agency % n;
        const current = mandates[index];
        const dropped = pick(held(index).length > 0 ? held(index) : current, intent.drop);
        mandates[index] = intent.mode === 'narrow' ? current.filter((category) => category !== dropped) : [...intent.mandates];
        commands.push({ op: 'changeAgencyMandates', actor: agencies[index].officers.admin, input: { mandates: [...mandates[index]] } });
        break;
      }
      case 'suspendOfficer':
      case 'reinstateOfficer': {
        const agency = agencies[intent.agency % n];
        const officerId = agency.officers[intent.officer].officerId;
        if (intent.type === 'suspendOfficer') commands.push({ op: 'suspendOfficer', actor: agency.officers.admin, input: { officerId, reason: `Suspended pending review ${next()}` } });
        else commands.push({ op: 'reinstateOfficer', actor: agency.officers.admin, input: { officerId } });
        break;
      }
      case 'openCase': {
        const owner = intent.agency % n;
        const caseId = uuid('case', next());
        cases.push({ id: caseId, owner, kind: intent.kind, tlp: intent.markings.tlp, shares: new Map(), factCategories: new Set() });
        commands.push({
          op: 'openCase',
          actor: actor(owner, 'investigator', intent.actor, 'liaison'),
          input: { caseId, kind: intent.kind, title: `Case ${caseId}`, summary: `Summary of ${caseId}`, markings: intent.markings },
        });
        break;
      }
      case 'recordFact': {
        const shared = cases.filter((declared) => declared.shares.size > 0);
        const target = pick(intent.onShared && shared.length > 0 ? shared : cases, intent.case);
        if (!target) break;
        const tlp = TLP_LEVELS[Math.max(0, Math.min(TLP_LEVELS.length - 1, tlpRank(target.tlp) + intent.tlpStep))];
        const markings: MarkingsInput = { ...intent.markings, tlp };
        const serial = next();
        for (const category of factCategories(intent.fact)) target.factCategories.add(category);
        commands.push(factCommand(intent.fact, target.id, uuid(intent.fact.type, serial), markings, actor(target.owner, 'investigator', intent.actor, 'liaison'), serial));
        break;
      }
      case 'shareCase': {
        // Aiming at a usable agreement: share a case whose owner has one.
        const shareable = cases.filter((declared) => agreements.some((agreement) => fits(agreement, declared)));
        const target = pick(intent.agreementFit && intent.target === 'new' ? shareable : cases, intent.case);
        if (!target) break;
        const owner = agencies[target.owner].id;
        const by = actor(target.owner, 'investigator', intent.actor, 'liaison');
        const existing = intent.target === 'existing' ? pick([...target.shares.entries()], intent.agreement) : undefined;
        if (existing) {
          // Re-share with a recipient under its agreement: a subset of its categories narrows the share.
          const [recipient, share] = existing;
          const categories = share.categories.filter((_, bit) => (intent.categoryMask & (1 << bit)) !== 0);
          target.shares.set(recipient, { agreementId: share.agreementId, categories });
          commands.push({ op: 'shareCase', actor: by, input: { caseId: target.id, recipientAgencyIds: [recipient], agreementId: share.agreementId, categories } });
          break;
        }
        const usable = agreements.filter((agreement) => agreement.parties.includes(owner));
        const fittingAgreements = usable.filter((agreement) => fits(agreement, target));
        // Aiming at a usable agreement when there is none yet would only add another refused share.
        if (intent.agreementFit && fittingAgreements.length === 0) break;
        const pool = intent.agreementFit ? fittingAgreements : usable.length > 0 ? usable : agreements;
        const agreement = pick(pool, intent.agreement);
        if (!agreement) break;
        const others = agreement.parties.filter((party) => party !== owner);
        const recipients = [...new Set(intent.recipients.map((at) => pick(others, at)).filter((party): party is string => party !== undefined))];
        if (recipients.length === 0) break;
        const allowedCategories = DATA_CATEGORIES.filter(
          (category) => agreement.categories.includes(category) && recipients.every((recipient) => mandates[indexOf.get(recipient) as number].includes(category)),
        );
        const categories = intent.categoryMode === 'any' ? [...intent.anyCategories] : allowedCategories.filter((_, bit) => (intent.categoryMask & (1 << bit)) !== 0);
        for (const recipient of recipients) target.shares.set(recipient, { agreementId: agreement.id, categories });
        commands.push({ op: 'shareCase', actor: by, input: { caseId: target.id, recipientAgencyIds: recipients, agreementId: agreement.id, categories } });
        break;
      }
      case 'revokeShare': {
        const target = pick(cases, intent.case);
        if (!target) break;
        const recipient = pick([...target.shares.keys()], intent.recipient) ?? agencies[(target.owner + 1 + intent.recipient) % n].id;
        target.shares.delete(recipient);
        commands.push({
          op: 'revokeShare',
          actor: actor(target.owner, 'investigator', intent.actor, 'liaison'),
          input: { caseId: target.id, recipientAgencyId: recipient, reason: `Revoked ${next()}` },
        });
        break;
      }
      case 'declareJoint': {
        const target = pick(cases, intent.case);
        if (!target) break;
        const holders = [...target.shares.keys()];
        const partners = holders.length > 0 ? holders.slice(0, intent.partners) : [agencies[(target.owner + 1) % n].id];
        commands.push({ op: 'declareJointInvestigation', actor: actor(target.owner, 'investigator', intent.actor, 'liaison'), input: { caseId: target.id, partnerAgencyIds: partners } });
        break;
      }
      case 'closeCase': {
        const target = pick(cases, intent.case);
        if (!target) break;
        commands.push({ op: 'closeCase', actor: actor(target.owner, 'investigator', intent.actor, 'liaison'), input: { caseId: target.id, reason: `Closed ${next()}` } });
        break;
      }
      case 'submitClue': {
        const connected = agencies.map((_, index) => index).filter((index) => agreements.some((agreement) => agreement.likelyInForce && agreement.parties.includes(agencies[index].id)));
        const sender = intent.agreementFit && connected.length > 0 ? (pick(connected, intent.sender) as number) : intent.sender % n;
        const senderId = agencies[sender].id;
        const recipients: { agencyId: string; agreementId: string }[] = [];
        const usable = agreements.filter((agreement) => agreement.parties.includes(senderId));
        const fitting = usable.filter((agreement) => agreement.likelyInForce && tlpRank(agreement.maxTlp) >= tlpRank(intent.markings.tlp));
        if (intent.agreementFit && fitting.length === 0) break;
        const pool = intent.agreementFit ? fitting : usable;
        for (const at of intent.recipients) {
          const agreement = pick(pool, intent.agreementPick + at);
          if (!agreement) break;
          const agencyId = pick(
            agreement.parties.filter((party) => party !== senderId),
            at,
          ) as string;
          if (!recipients.some((recipient) => recipient.agencyId === agencyId)) recipients.push({ agencyId, agreementId: agreement.id });
        }
        if (recipients.length === 0) break;
        const clueId = uuid('clue', next());
        const withIdentity = intent.identity === 'always' || (intent.identity === 'byKind' && intent.kind === 'IDENTIFICATION_REQUEST');
        const serial = next();
        const ownCases = cases.filter((declared) => declared.owner === sender);
        const senderCase = intent.senderCase === null ? undefined : pick(intent.agreementFit ? ownCases : cases, intent.senderCase)?.id;
        clues.push({
          id: clueId,
          sender,
          kind: intent.kind,
          recipients: recipients.map((r) => r.agencyId),
          agreementIds: recipients.map((r) => r.agreementId),
          status: new Map(recipients.map((r) => [r.agencyId, 'SUBMITTED'])),
        });
        commands.push({
          op: 'submitClue',
          actor: actor(sender, intent.actor === 'right' && serial % 2 === 0 ? 'liaison' : 'investigator', intent.actor, 'admin'),
          input: {
            clueId,
            recipients,
            kind: intent.kind,
            subject: `Subject of ${clueId}`,
            body: `Body of ${clueId}`,
            markings: intent.markings,
            ...(senderCase === undefined ? {} : { senderCaseId: senderCase }),
            ...(withIdentity
              ? {
                  claimedIdentity: {
                    personRole: intent.identityRole,
                    fullName: `Claimed Person ${serial}`,
                    ...(intent.identityFields.birthDate ? { dateOfBirth: addDays('1980-01-01', serial % 9000) } : {}),
                    ...(intent.identityFields.nationality ? { nationality: 'CN' } : {}),
                    ...(intent.identityFields.document ? { documentNumber: `E${100000 + serial}` } : {}),
                  },
                }
              : {}),
          },
        });
        break;
      }
      case 'clueStep': {
        // Walking a lifecycle forward: aim at a recipient entry that still has a step to take.
        const open = clues.filter((declared) => [...declared.status.values()].some((status) => nextSteps(status).length > 0));
        const clue = pick(intent.step === 'next' && open.length > 0 ? open : clues, intent.clue);
        if (!clue) break;
        const openRecipients = clue.recipients.filter((recipient) => nextSteps(clue.status.get(recipient) as ClueStatus).length > 0);
        const recipientId = pick(intent.step === 'next' && openRecipients.length > 0 ? openRecipients : clue.recipients, intent.recipient) as string;
        const recipient = indexOf.get(recipientId) as number;
        const status = clue.status.get(recipientId) as ClueStatus;
        const stepName = intent.step === 'next' ? pick(nextSteps(status), intent.choice) : intent.step;
        if (!stepName) break;
        const command = clueStepCommand(stepName, { clue, recipientId, recipient, intent, cases, actor, uuid, serial: next() });
        if (command.newCase) cases.push(command.newCase);
        clue.status.set(recipientId, statusAfter(stepName, status));
        commands.push(command.command);
        break;
      }
    }
  }
  return { suffix, agencies, commands, labels };
}

/** The data categories of the personal fields a fact records. */
function factCategories(fact: FactSpec): DataCategory[] {
  switch (fact.type) {
    case 'person':
      return [fact.role === 'SUSPECT' ? 'SUSPECT_IDENTITY' : 'VICTIM_IDENTITY', ...(fact.withPhone ? ['COMMUNICATIONS' as const] : []), ...(fact.withAddress ? ['LOCATION' as const] : [])];
    case 'route':
      return ['TRAVEL_ROUTE'];
    case 'organisation':
      return fact.withAddress ? ['LOCATION'] : [];
    case 'moneyFlow':
      return ['FINANCIAL'];
    case 'note':
      return [];
  }
}

function factCommand(fact: FactSpec, caseId: string, factId: string, markings: MarkingsInput, by: OfficerRef, serial: number): WorldCommand {
  switch (fact.type) {
    case 'person':
      return {
        op: 'recordPerson',
        actor: by,
        input: {
          caseId,
          personId: factId,
          role: fact.role,
          fullName: `Person ${serial}`,
          ...(fact.withBirthDate ? { dateOfBirth: addDays('1975-01-01', (serial * 37) % 12000) } : {}),
          ...(fact.withNationality ? { nationality: ['CN', 'VN', 'TH'][serial % 3] } : {}),
          ...(fact.withDocument ? { documentNumber: `P${200000 + serial}` } : {}),
          ...(fact.withPhone ? { phoneNumber: `+86 555 ${1000 + serial}` } : {}),
          ...(fact.withAddress ? { address: `${serial} Harbour Road` } : {}),
          markings,
        },
      };
    case 'route': {
      const stops = ['RU', 'RS', 'HU', 'TR', 'AE'].slice(0, fact.transitStops);
      return {
        op: 'recordRoute',
        actor: by,
        input: {
          caseId,
          routeId: factId,
          origin: fact.withCities ? { country: 'CN', city: 'Wenzhou' } : { country: 'CN' },
          transit: stops.map((country, index) => (fact.withCities && index === 0 ? { country, city: `Transit ${serial}` } : { country })),
          destination: fact.withCities ? { country: 'FR', city: 'Paris' } : { country: 'FR' },
          method: fact.method,
          markings,
        },
      };
    }
    case 'organisation':
      return {
        op: 'recordOrganisation',
        actor: by,
        input: {
          caseId,
          organisationId: factId,
          name: `Organisation ${serial}`,
          kind: fact.kind,
          country: 'FR',
          ...(fact.withAddress ? { address: `${serial} Rue du Commerce` } : {}),
          markings,
        },
      };
    case 'moneyFlow':
      return {
        op: 'recordMoneyFlow',
        actor: by,
        input: {
          caseId,
          flowId: factId,
          fromAccount: `FR76${String(30000000 + serial)}`,
          toAccount: `CN${String(60000000 + serial)}`,
          amount: fact.amount,
          currency: 'EUR',
          date: addDays('2024-01-01', serial % 300),
          channel: 'money remittance',
          markings,
        },
      };
    case 'note':
      return { op: 'addNote', actor: by, input: { caseId, noteId: factId, text: `Note ${serial}`, markings } };
  }
}

/** The steps a recipient's lifecycle allows from `status`, as far as the generator can tell. */
function nextSteps(status: ClueStatus): ClueStepName[] {
  switch (status) {
    case 'SUBMITTED':
      return ['acknowledge', 'acknowledge', 'withdraw'];
    case 'ACKNOWLEDGED':
      return ['accept', 'requestInformation', 'decline', 'withdraw'];
    case 'INFO_REQUESTED':
      return ['provideInformation', 'provideInformation', 'withdraw'];
    case 'INFO_PROVIDED':
      return ['accept', 'decline', 'requestInformation'];
    case 'ACCEPTED':
      return ['feedback'];
    case 'DECLINED':
    case 'FEEDBACK_GIVEN':
      return ['close'];
    default:
      return [];
  }
}

function statusAfter(step: ClueStepName, status: ClueStatus): ClueStatus {
  const after: Record<ClueStepName, ClueStatus> = {
    acknowledge: 'ACKNOWLEDGED',
    requestInformation: 'INFO_REQUESTED',
    provideInformation: 'INFO_PROVIDED',
    accept: 'ACCEPTED',
    decline: 'DECLINED',
    feedback: 'FEEDBACK_GIVEN',
    close: 'CLOSED',
    withdraw: 'WITHDRAWN',
  };
  return nextSteps(status).includes(step) ? after[step] : status;
}

interface StepContext {
  clue: DeclaredClue;
  recipientId: string;
  recipient: number;
  intent: Extract<Intent, { type: 'clueStep' }>;
  cases: DeclaredCase[];
  actor: (index: number, slot: OfficerSlot, choice: ActorChoice, wrongSlot: OfficerSlot) => OfficerRef;
  uuid: (kind: string, serial: number) => string;
  serial: number;
}

function clueStepCommand(step: ClueStepName, context: StepContext): { command: WorldCommand; newCase?: DeclaredCase } {
  const { clue, recipientId, recipient, intent, actor, serial } = context;
  const clueId = clue.id;
  // Recipients' steps alternate between their liaison officer and investigator; both may act on clues.
  const bySide = (side: number) => actor(side, serial % 2 === 0 ? 'liaison' : 'investigator', intent.actor, 'admin');
  const byRecipient = bySide(recipient);
  const bySender = bySide(clue.sender);
  switch (step) {
    case 'acknowledge':
      return { command: { op: 'acknowledgeClue', actor: byRecipient, input: { clueId } } };
    case 'requestInformation':
      return { command: { op: 'requestClueInformation', actor: byRecipient, input: { clueId, question: `Question ${serial}?` } } };
    case 'provideInformation':
      return { command: { op: 'provideClueInformation', actor: bySender, input: { clueId, recipientAgencyId: recipientId, answer: `Answer ${serial}` } } };
    case 'accept': {
      const own = context.cases.filter((declared) => declared.owner === recipient);
      const existing = context.intent.intoNewCase ? undefined : own[intent.choice % Math.max(1, own.length)];
      if (existing) return { command: { op: 'acceptClue', actor: byRecipient, input: { clueId, caseId: existing.id } } };
      const caseId = context.uuid('case', serial);
      const markings: MarkingsInput = { tlp: 'AMBER', handling: ['H0'] };
      return {
        command: {
          op: 'acceptClueIntoNewCase',
          actor: byRecipient,
          input: { clueId, newCase: { caseId, kind: clue.kind === 'IDENTIFICATION_REQUEST' ? 'IDENTIFICATION' : 'TRAFFICKING', title: `Case for ${clueId}`, summary: `Opened to accept ${clueId}`, markings } },
        },
        newCase: {
          id: caseId,
          owner: recipient,
          kind: clue.kind === 'IDENTIFICATION_REQUEST' ? 'IDENTIFICATION' : 'TRAFFICKING',
          tlp: markings.tlp,
          shares: new Map(),
          factCategories: new Set(),
        },
      };
    }
    case 'decline':
      return { command: { op: 'declineClue', actor: byRecipient, input: { clueId, reason: `Outside our remit ${serial}` } } };
    case 'feedback': {
      const fits = clue.kind === 'IDENTIFICATION_REQUEST' ? IDENTIFICATION_OUTCOMES : LEAD_OUTCOMES;
      const misfits = clue.kind === 'IDENTIFICATION_REQUEST' ? LEAD_OUTCOMES : IDENTIFICATION_OUTCOMES;
      const outcomes = intent.fitOutcome ? fits : misfits;
      return { command: { op: 'giveClueFeedback', actor: byRecipient, input: { clueId, outcome: outcomes[intent.choice % outcomes.length], comment: `Feedback ${serial}` } } };
    }
    case 'close':
      // Either side may close a recipient's part; the sender names the recipient.
      return intent.choice % 2 === 0
        ? { command: { op: 'closeClue', actor: byRecipient, input: { clueId } } }
        : { command: { op: 'closeClue', actor: bySender, input: { clueId, recipientAgencyId: recipientId } } };
    case 'withdraw':
      return { command: { op: 'withdrawClue', actor: bySender, input: { clueId, recipientAgencyId: recipientId, reason: `Withdrawn ${serial}` } } };
  }
}
