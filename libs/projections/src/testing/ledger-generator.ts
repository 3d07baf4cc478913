/**
 * Generates a realistic, valid ledger: agencies and officers, bilateral and multilateral
 * agreements, cases with facts, shares and revocations, clues through their whole lifecycle,
 * mandate changes and agreement suspensions. Every event comes out of the domain's own `decide`
 * functions (with a simulated clock), so the ledger obeys the domain rules by construction.
 *
 * Deterministic for a given seed. Used by the projection tests, the rebuild and audit benchmarks
 * and the soak test.
 */
import type { EventStore } from '@ledger/event-store/event-store.port';
import type { AgencyState } from '@ledger/domain/agency/agency.state';
import { isAgreementInForce } from '@ledger/domain/agreement/agreement.policy';
import type { ExistingAgreement } from '@ledger/domain/agreement/agreement.state';
import type { CaseCommand } from '@ledger/domain/case/case.commands';
import type { ExistingCase } from '@ledger/domain/case/case.state';
import type { AcceptClue } from '@ledger/domain/clue/clue.commands';
import { outcomesFor } from '@ledger/domain/clue/clue.decide';
import type { SubmittedClue } from '@ledger/domain/clue/clue.state';
import { type Actor, SYSTEM_ACTOR } from '@ledger/domain/shared/actor';
import { DomainDriver, type LedgerCommand, type PlannedAppend } from './domain-driver';
import {
  type AgencyKind,
  CASE_KINDS,
  type CaseKind,
  CLUE_KINDS,
  type ClueStatus,
  DATA_CATEGORIES,
  type DataCategory,
  type HandlingCode,
  type Markings,
  ORGANISATION_KINDS,
  type Role,
  type Tlp,
  TLP_LEVELS,
  TRAVEL_METHODS,
  tlpRank,
} from '@ledger/domain/shared/vocabulary';

export type { PlannedAppend } from './domain-driver';

export interface LedgerGeneratorOptions {
  /** Stop once at least this many events are planned. */
  targetEvents: number;
  /** Same seed, same ledger (ids, values, times; event ids are left to the store). */
  seed?: number;
  /** Simulated start of the ledger; each command advances the clock by a few minutes. */
  startAt?: string;
  /** Mean simulated minutes between two commands (default 4). */
  minutesPerCommand?: number;
}

/** Counts of what was planned, by event type. */
export type LedgerSummary = Record<string, number>;

interface AgencyProfile {
  agencyId: string;
  name: string;
  country: string;
  kind: AgencyKind;
  mandates: DataCategory[];
  /** How readily the agency answers clues (0–1): gives each partner its own response times. */
  responsiveness: number;
}

const AGENCIES: AgencyProfile[] = [
  { agencyId: 'cn-mps-ocht', name: 'MPS Office to Combat Trafficking in Persons', country: 'CN', kind: 'POLICE', mandates: [...DATA_CATEGORIES], responsiveness: 0.5 },
  { agencyId: 'fr-ocreth', name: 'Office central pour la répression de la traite des êtres humains', country: 'FR', kind: 'POLICE', mandates: [...DATA_CATEGORIES], responsiveness: 0.8 },
  { agencyId: 'at-bk', name: 'Bundeskriminalamt', country: 'AT', kind: 'POLICE', mandates: ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE', 'LOCATION'], responsiveness: 0.9 },
  { agencyId: 'bg-nccthb', name: 'National Commission for Combating Trafficking in Human Beings', country: 'BG', kind: 'POLICE', mandates: ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'TRAVEL_ROUTE', 'LOCATION'], responsiveness: 0.35 },
  { agencyId: 'europol', name: 'Europol', country: 'NL', kind: 'INTERNATIONAL_ORGANISATION', mandates: ['SUSPECT_IDENTITY', 'FINANCIAL', 'COMMUNICATIONS', 'TRAVEL_ROUTE'], responsiveness: 0.7 },
  { agencyId: 'iom-cn', name: 'IOM China', country: 'CN', kind: 'INTERNATIONAL_ORGANISATION', mandates: ['VICTIM_IDENTITY', 'TRAVEL_ROUTE'], responsiveness: 0.6 },
  { agencyId: 'nordic-plo-beijing', name: 'Nordic Police Liaison Office Beijing', country: 'CN', kind: 'LIAISON_NETWORK', mandates: ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE', 'LOCATION'], responsiveness: 0.75 },
  { agencyId: 'eu-oversight', name: 'EU Data Protection Oversight', country: 'BE', kind: 'OVERSIGHT', mandates: [], responsiveness: 0 },
];

/** The agreements the world starts with: [id, parties, scope, categories, maxTlp, validFrom, validUntil]. */
const AGREEMENTS: Array<[string, string[], CaseKind[], DataCategory[], Tlp, string, string]> = [
  ['mou-cn-fr', ['cn-mps-ocht', 'fr-ocreth'], ['TRAFFICKING', 'SMUGGLING', 'IDENTIFICATION'], [...DATA_CATEGORIES], 'RED', '2024-01-01', '2030-12-31'],
  ['mou-cn-at', ['cn-mps-ocht', 'at-bk'], ['TRAFFICKING', 'IDENTIFICATION'], ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'TRAVEL_ROUTE', 'LOCATION'], 'AMBER_STRICT', '2024-01-01', '2030-12-31'],
  ['mou-cn-bg', ['cn-mps-ocht', 'bg-nccthb'], ['TRAFFICKING', 'IDENTIFICATION'], ['VICTIM_IDENTITY', 'TRAVEL_ROUTE'], 'AMBER', '2024-06-01', '2025-12-31'],
  ['mou-cn-nordic', ['cn-mps-ocht', 'nordic-plo-beijing'], ['SMUGGLING', 'IDENTIFICATION'], ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE', 'LOCATION'], 'AMBER', '2024-01-01', '2030-12-31'],
  ['mou-cn-iom', ['cn-mps-ocht', 'iom-cn'], ['TRAFFICKING', 'IDENTIFICATION'], ['VICTIM_IDENTITY', 'TRAVEL_ROUTE'], 'GREEN', '2024-01-01', '2030-12-31'],
  ['mou-fr-at', ['fr-ocreth', 'at-bk'], ['TRAFFICKING', 'SMUGGLING'], ['SUSPECT_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE'], 'AMBER', '2024-01-01', '2030-12-31'],
  ['mou-eu-multi', ['europol', 'fr-ocreth', 'at-bk', 'bg-nccthb'], ['TRAFFICKING', 'SMUGGLING'], ['SUSPECT_IDENTITY', 'FINANCIAL', 'COMMUNICATIONS', 'TRAVEL_ROUTE'], 'AMBER', '2024-01-01', '2030-12-31'],
];

const NAMES = ['Li Wei', 'Wang Fang', 'Zhang Min', 'Chen Jing', 'Liu Yang', 'Huang Lei', 'Zhao Xin', 'Wu Hua', 'Zhou Ling', 'Xu Ming', 'Ivan Petrov', 'Maria Georgieva', 'Anna Müller', 'Jean Dupont', 'Karin Nilsson'];
const CITIES: Array<[string, string]> = [['CN', 'Wenzhou'], ['CN', 'Fuzhou'], ['CN', 'Shenyang'], ['RU', 'Moscow'], ['RS', 'Belgrade'], ['BG', 'Sofia'], ['AT', 'Vienna'], ['FR', 'Paris'], ['FR', 'Lyon'], ['SE', 'Stockholm'], ['TR', 'Istanbul'], ['AE', 'Dubai']];
const CHANNELS = ['SWIFT', 'underground banking', 'mobile payment', 'cash courier', 'crypto exchange'];
const CURRENCIES = ['EUR', 'CNY', 'USD'];

/** Plans a ledger; iterate it to get the appends in the order they must be written. */
export function* planLedger(options: LedgerGeneratorOptions): Generator<PlannedAppend, LedgerSummary> {
  const world = new GeneratedWorld(options);
  yield* world.plan();
  return world.summary;
}

/** Writes a planned ledger to `store`, one append per command, in order. */
export async function writeLedger(
  store: EventStore,
  options: LedgerGeneratorOptions,
  onProgress?: (written: { events: number; appends: number; target: number }) => void,
): Promise<{ events: number; appends: number; summary: LedgerSummary }> {
  let events = 0;
  let appends = 0;
  const plan = planLedger(options);
  for (let next = plan.next(); ; next = plan.next()) {
    if (next.done) return { events, appends, summary: next.value };
    const append = next.value;
    await store.append(append.stream, append.events, append.expectedRevision, append.context);
    events += append.events.length;
    appends += 1;
    if (onProgress && appends % 500 === 0) onProgress({ events, appends, target: options.targetEvents });
  }
}

/** A small seeded PRNG (mulberry32): the same seed gives the same ledger. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Officers {
  admin: Actor;
  investigators: Actor[];
  liaison: Actor;
}

interface OpenPair {
  clueId: string;
  recipientAgencyId: string;
}

class GeneratedWorld {
  readonly summary: LedgerSummary = {};
  private readonly random: () => number;
  private readonly target: number;
  private readonly minutesPerCommand: number;
  private readonly driver: DomainDriver;
  private planned = 0;
  private serial = 0;

  private readonly officers = new Map<string, Officers>();
  /** Cases not closed: what investigators keep working on (and the same, by owner). */
  private readonly liveCases: string[] = [];
  private readonly liveCasesByOwner = new Map<string, string[]>();
  /** Clue recipients whose lifecycle has not ended. */
  private readonly openPairs: OpenPair[] = [];
  private readonly suspended: string[] = [];
  private readonly pending: PlannedAppend[] = [];

  constructor(options: LedgerGeneratorOptions) {
    if (!Number.isInteger(options.targetEvents) || options.targetEvents < 1) throw new Error('targetEvents must be a positive integer');
    this.random = seededRandom(options.seed ?? 1);
    this.target = options.targetEvents;
    this.minutesPerCommand = options.minutesPerCommand ?? 4;
    this.driver = new DomainDriver(options.startAt ?? '2025-03-03T08:00:00.000Z', () => this.uuid());
  }

  *plan(): Generator<PlannedAppend> {
    this.setUp();
    yield* this.drain();
    while (this.planned < this.target) {
      this.step();
      yield* this.drain();
    }
  }

  private *drain(): Generator<PlannedAppend> {
    while (this.pending.length > 0) yield this.pending.shift() as PlannedAppend;
  }

  // ── the world's beginning ───────────────────────────────────────────────

  private setUp(): void {
    const [first, ...others] = AGENCIES;
    this.onboard(first, SYSTEM_ACTOR, 'BootstrapLedger');
    for (const profile of others) this.onboard(profile, (this.officers.get(first.agencyId) as Officers).admin, 'RegisterAgency');
    for (const [agreementId, parties, scope, categories, maxTlp, validFrom, validUntil] of AGREEMENTS) {
      this.proposeAndSign({ agreementId, title: `Memorandum ${agreementId}`, parties, scope, categories, maxTlp, validFrom, validUntil });
    }
  }

  private onboard(profile: AgencyProfile, actor: Actor, type: 'BootstrapLedger' | 'RegisterAgency'): void {
    const { agencyId } = profile;
    const admin = this.officer(agencyId, 'admin', ['AGENCY_ADMIN']);
    this.run(
      { type, actor, data: { agencyId, name: profile.name, country: profile.country, kind: profile.kind, mandates: [...profile.mandates], admin: { officerId: admin.officerId, name: `Admin of ${agencyId}`, roles: ['AGENCY_ADMIN'], auditScope: 'OWN' } } });
    const investigators: Actor[] = [];
    if (profile.kind === 'OVERSIGHT') {
      const auditor = { ...this.officer(agencyId, 'auditor', ['AUDITOR']), auditScope: 'ALL' as const };
      this.run({ type: 'RegisterOfficer', actor: admin, data: { agencyId, officerId: auditor.officerId, name: `Auditor of ${agencyId}`, roles: ['AUDITOR'], auditScope: 'ALL' } });
    } else {
      for (const suffix of ['inv1', 'inv2']) {
        const investigator = this.officer(agencyId, suffix, ['INVESTIGATOR']);
        investigators.push(investigator);
        this.run({ type: 'RegisterOfficer', actor: admin, data: { agencyId, officerId: investigator.officerId, name: `Investigator ${suffix} of ${agencyId}`, roles: ['INVESTIGATOR'], auditScope: 'OWN' } });
      }
    }
    const liaison = this.officer(agencyId, 'liaison', ['LIAISON_OFFICER']);
    this.run({ type: 'RegisterOfficer', actor: admin, data: { agencyId, officerId: liaison.officerId, name: `Liaison officer of ${agencyId}`, roles: ['LIAISON_OFFICER'], auditScope: 'OWN' } });
    this.officers.set(agencyId, { admin, investigators, liaison });
  }

  private officer(agencyId: string, suffix: string, roles: Role[]): Actor {
    return { officerId: `${agencyId}.${suffix}`, agencyId, roles, auditScope: 'OWN' };
  }

  private proposeAndSign(terms: { agreementId: string; title: string; parties: string[]; scope: CaseKind[]; categories: DataCategory[]; maxTlp: Tlp; validFrom: string; validUntil: string }): void {
    const proposer = (this.officers.get(terms.parties[0]) as Officers).admin;
    if (!this.run({ type: 'ProposeAgreement', actor: proposer, data: terms })) return;
    for (const party of terms.parties) this.run({ type: 'SignAgreement', actor: (this.officers.get(party) as Officers).admin, data: { agreementId: terms.agreementId } });
  }

  // ── one simulated command ──────────────────────────────────────────────

  private step(): void {
    this.driver.clock += Math.round(-Math.log(1 - this.random()) * this.minutesPerCommand * 60_000);
    const roll = this.random();
    if (roll < 0.06) this.openCase();
    else if (roll < 0.42) this.recordFact();
    else if (roll < 0.52) this.shareCase();
    else if (roll < 0.54) this.revokeShare();
    else if (roll < 0.64) this.submitClue();
    else if (roll < 0.94) this.advanceClue();
    else if (roll < 0.96) this.closeCase();
    else if (roll < 0.97) this.declareJoint();
    // Rare, as in life: a handful of mandate changes and agreement suspensions a year.
    else if (roll < 0.97013) this.changeMandates();
    else if (roll < 0.97035) this.suspendOrResumeAgreement();
    else this.recordFact();
  }

  private openCase(): void {
    const owner = this.pickWorkingAgency();
    const caseId = `c${this.nextId()}`;
    const kind = this.pick(CASE_KINDS);
    const city = this.pick(CITIES);
    const ok = this.run(
      {
        type: 'OpenCase',
        actor: this.pick((this.officers.get(owner) as Officers).investigators),
        data: { caseId, kind, title: `${kindTitle(kind)} network via ${city[1]}`, summary: `Reports of ${kind.toLowerCase()} through ${city[1]} (${city[0]}); routes and payments under review.`, markings: this.markings('GREEN') },
      });
    if (ok) this.addLiveCase(caseId, owner);
  }

  private recordFact(): void {
    const state = this.pickLiveCase();
    if (!state) return this.openCase();
    const actor = this.pick((this.officers.get(state.ownerAgencyId) as Officers).investigators);
    const caseId = state.caseId;
    const factId = `f${this.nextId()}`;
    const markings = this.markings(state.markings.tlp);
    const roll = this.random();
    let command: CaseCommand;
    if (roll < 0.35) {
      const role = this.pick(['SUSPECT', 'VICTIM', 'VICTIM', 'WITNESS'] as const);
      command = {
        type: 'RecordPerson',
        actor,
        data: {
          caseId,
          personId: factId,
          role,
          fullName: this.pick(NAMES),
          dateOfBirth: `19${70 + Math.floor(this.random() * 30)}-0${1 + Math.floor(this.random() * 9)}-1${Math.floor(this.random() * 9)}`,
          nationality: this.pick(['CN', 'CN', 'BG', 'RO', 'VN']),
          ...(this.random() < 0.5 ? { documentNumber: `E${Math.floor(this.random() * 1e8)}` } : {}),
          ...(this.random() < 0.4 ? { phoneNumber: `+86 13${Math.floor(this.random() * 1e9)}` } : {}),
          ...(this.random() < 0.3 ? { address: `${Math.floor(this.random() * 200)} ${this.pick(CITIES)[1]} Road` } : {}),
          markings,
        },
      };
    } else if (roll < 0.55) {
      const origin = this.pick(CITIES);
      const destination = this.pick(CITIES);
      command = {
        type: 'RecordRoute',
        actor,
        data: {
          caseId,
          routeId: factId,
          origin: { country: origin[0], city: origin[1] },
          transit: [this.pick(CITIES), this.pick(CITIES)].slice(0, 1 + Math.floor(this.random() * 2)).map(([country, city]) => ({ country, city })),
          destination: { country: destination[0], city: destination[1] },
          method: this.pick(TRAVEL_METHODS),
          markings,
        },
      };
    } else if (roll < 0.7) {
      command = {
        type: 'RecordOrganisation',
        actor,
        data: { caseId, organisationId: factId, name: `${this.pick(['Golden', 'Silk', 'Lotus', 'Orient'])} ${this.pick(['Travel', 'Trading', 'Massage', 'Recruitment'])}`, kind: this.pick(ORGANISATION_KINDS), country: this.pick(CITIES)[0], ...(this.random() < 0.5 ? { address: `${this.pick(CITIES)[1]} business park` } : {}), markings },
      };
    } else if (roll < 0.85) {
      command = {
        type: 'RecordMoneyFlow',
        actor,
        data: {
          caseId,
          flowId: factId,
          fromAccount: `FR76${Math.floor(this.random() * 1e12)}`,
          toAccount: `CN${Math.floor(this.random() * 1e14)}`,
          amount: Math.round(this.random() * 50_000 * 100) / 100 + 1,
          currency: this.pick(CURRENCIES),
          date: this.driver.now().toISOString().slice(0, 10),
          channel: this.pick(CHANNELS),
          markings,
        },
      };
    } else {
      command = { type: 'AddNote', actor, data: { caseId, noteId: factId, text: `Follow-up ${factId}: ${this.pick(['interview scheduled', 'bank records requested', 'victim referred to shelter', 'travel documents checked'])}.`, markings } };
    }
    this.run(command);
  }

  private shareCase(): void {
    const state = this.pickLiveCase();
    if (!state) return;
    const candidates = this.agreementsInForceFor(state.ownerAgencyId).filter((a) => a.scope.includes(state.kind) && tlpRank(state.markings.tlp) <= tlpRank(a.maxTlp));
    if (candidates.length === 0) return;
    const agreement = this.pick(candidates);
    const recipientId = this.pick(agreement.parties.filter((party) => party !== state.ownerAgencyId));
    const recipient = this.driver.agency(recipientId) as AgencyState;
    if (!recipient.exists) return;
    const allowed = agreement.categories.filter((category) => recipient.mandates.includes(category));
    // Most shares give everything allowed; some are narrower (and a re-share narrows an existing one).
    const categories = this.random() < 0.6 ? allowed : allowed.filter(() => this.random() < 0.5);
    this.run(
      { type: 'ShareCase', actor: this.pick((this.officers.get(state.ownerAgencyId) as Officers).investigators), data: { caseId: state.caseId, recipientAgencyIds: [recipientId], agreementId: agreement.agreementId, categories } });
  }

  private revokeShare(): void {
    const state = this.pickLiveCase();
    if (!state) return;
    const recipients = Object.keys(state.shares);
    if (recipients.length === 0) return;
    this.run(
      { type: 'RevokeShare', actor: this.pick((this.officers.get(state.ownerAgencyId) as Officers).investigators), data: { caseId: state.caseId, recipientAgencyId: this.pick(recipients), reason: 'need to know ended' } });
  }

  private closeCase(): void {
    const state = this.pickLiveCase();
    if (!state || this.random() < 0.5) return;
    if (this.run({ type: 'CloseCase', actor: this.pick((this.officers.get(state.ownerAgencyId) as Officers).investigators), data: { caseId: state.caseId, reason: 'investigation concluded' } })) {
      this.liveCases.splice(this.liveCases.indexOf(state.caseId), 1);
      const owned = this.liveCasesByOwner.get(state.ownerAgencyId) as string[];
      owned.splice(owned.indexOf(state.caseId), 1);
    }
  }

  private declareJoint(): void {
    const state = this.pickLiveCase();
    if (!state || state.status !== 'OPEN') return;
    const partners = Object.keys(state.shares);
    if (partners.length === 0) return;
    this.run({ type: 'DeclareJointInvestigation', actor: this.pick((this.officers.get(state.ownerAgencyId) as Officers).investigators), data: { caseId: state.caseId, partnerAgencyIds: partners.slice(0, 2) } });
  }

  private submitClue(): void {
    const sender = this.pickWorkingAgency();
    const inForce = this.agreementsInForceFor(sender);
    if (inForce.length === 0) return;
    const kind = this.pick(CLUE_KINDS);
    const tlp = this.pick(['GREEN', 'AMBER', 'AMBER', 'AMBER_STRICT', 'RED'] as const);
    const usable = inForce.filter((a) => tlpRank(tlp) <= tlpRank(a.maxTlp));
    if (usable.length === 0) return;
    const agreementIds: Record<string, string> = {};
    const count = tlp === 'RED' ? 1 : 1 + Math.floor(this.random() * 2);
    for (let i = 0; i < count; i += 1) {
      const agreement = this.pick(usable);
      const recipient = this.pick(agreement.parties.filter((party) => party !== sender));
      agreementIds[recipient] ??= agreement.agreementId;
    }
    const recipientAgencyIds = Object.keys(agreementIds);
    const clueId = `q${this.nextId()}`;
    const senderCases = this.liveCasesByOwner.get(sender) ?? [];
    const senderCaseId = senderCases.length > 0 && this.random() < 0.5 ? this.pick(senderCases) : undefined;
    const ok = this.run(
      {
        type: 'SubmitClue',
        actor: this.pick([...(this.officers.get(sender) as Officers).investigators, (this.officers.get(sender) as Officers).liaison]),
        data: {
          clueId,
          recipientAgencyIds,
          agreementIds,
          kind,
          subject: kind === 'IDENTIFICATION_REQUEST' ? 'Please confirm identity and nationality' : `${kind === 'LEAD' ? 'Lead' : 'Request'}: ${this.pick(['recruitment agency', 'money transfers', 'safe house', 'forged visas'])} in ${this.pick(CITIES)[1]}`,
          body: 'Details as discussed at the last liaison meeting; see attached observations.',
          markings: { tlp, handling: tlp === 'RED' ? ['H0', 'H2'] : ['H0'] },
          ...(senderCaseId ? { senderCaseId } : {}),
          ...(kind === 'IDENTIFICATION_REQUEST'
            ? { claimedIdentity: { personRole: this.pick(['VICTIM', 'SUSPECT'] as const), fullName: this.pick(NAMES), dateOfBirth: '1990-04-12', nationality: 'CN', ...(this.random() < 0.5 ? { documentNumber: `E${Math.floor(this.random() * 1e8)}` } : {}) } }
            : {}),
        },
      });
    if (ok) for (const recipientAgencyId of recipientAgencyIds) this.openPairs.push({ clueId, recipientAgencyId });
  }

  /** Moves one open clue recipient one step along its lifecycle. */
  private advanceClue(): void {
    if (this.openPairs.length === 0) return;
    const index = Math.floor(this.random() * this.openPairs.length);
    const pair = this.openPairs[index];
    const clue = this.driver.clue(pair.clueId) as SubmittedClue;
    const status = clue.recipients[pair.recipientAgencyId].status;
    const recipient = this.officers.get(pair.recipientAgencyId) as Officers;
    const sender = this.officers.get(clue.senderAgencyId) as Officers;
    const profile = AGENCIES.find((a) => a.agencyId === pair.recipientAgencyId) as AgencyProfile;
    // Slow agencies take longer to get round to a clue: their steps are skipped more often.
    if (status !== 'INFO_REQUESTED' && this.random() > profile.responsiveness) return;
    const clueId = clue.clueId;
    const roll = this.random();
    let done = false;
    switch (status as ClueStatus) {
      case 'SUBMITTED':
        if (roll < 0.05) done = this.run({ type: 'WithdrawClue', actor: sender.liaison, data: { clueId, recipientAgencyId: pair.recipientAgencyId, reason: 'superseded by new information' } });
        else this.run({ type: 'AcknowledgeClue', actor: recipient.liaison, data: { clueId } });
        break;
      case 'ACKNOWLEDGED':
      case 'INFO_PROVIDED':
        if (status === 'ACKNOWLEDGED' && roll < 0.2) this.run({ type: 'RequestClueInformation', actor: recipient.liaison, data: { clueId, question: 'Can you share the travel document scans?' } });
        else if (roll < 0.65) this.acceptClue(clue, pair.recipientAgencyId);
        else this.run({ type: 'DeclineClue', actor: recipient.liaison, data: { clueId, reason: 'outside our jurisdiction' } });
        break;
      case 'INFO_REQUESTED':
        this.run({ type: 'ProvideClueInformation', actor: sender.liaison, data: { clueId, recipientAgencyId: pair.recipientAgencyId, answer: 'Scans sent through the secure channel.' } });
        break;
      case 'ACCEPTED':
        this.run({ type: 'GiveClueFeedback', actor: recipient.liaison, data: { clueId, outcome: this.pick(outcomesFor(clue.kind)), comment: 'Thank you for the referral.' } });
        break;
      case 'FEEDBACK_GIVEN':
      case 'DECLINED':
        done = this.run({ type: 'CloseClue', actor: this.random() < 0.5 ? sender.liaison : recipient.liaison, data: { clueId, recipientAgencyId: pair.recipientAgencyId } });
        break;
      default:
        done = true;
    }
    if (done) this.openPairs.splice(index, 1);
  }

  private acceptClue(clue: SubmittedClue, recipientAgencyId: string): void {
    const officers = this.officers.get(recipientAgencyId) as Officers;
    const own = this.liveCasesByOwner.get(recipientAgencyId) ?? [];
    const existing = own.length > 0 && this.random() < 0.5 ? this.pick(own) : undefined;
    const actor = officers.investigators.length > 0 ? this.pick(officers.investigators) : officers.liaison;
    const newCaseId = `c${this.nextId()}`;
    const command: AcceptClue = existing
      ? { type: 'AcceptClue', actor, data: { clueId: clue.clueId, caseId: existing } }
      : { type: 'AcceptClue', actor, data: { clueId: clue.clueId, newCase: { caseId: newCaseId, kind: clue.kind === 'IDENTIFICATION_REQUEST' ? 'IDENTIFICATION' : 'TRAFFICKING', title: `Follow-up of clue ${clue.clueId}`, summary: 'Opened to act on a referral.', markings: { tlp: clue.markings.tlp, handling: ['H0'] } } } };
    if (this.run(command) && !existing) this.addLiveCase(newCaseId, recipientAgencyId);
  }

  private changeMandates(): void {
    const profile = this.pick(AGENCIES.filter((a) => a.kind !== 'OVERSIGHT' && a.agencyId !== 'cn-mps-ocht' && a.agencyId !== 'fr-ocreth'));
    const state = this.driver.agency(profile.agencyId) as AgencyState;
    if (!state.exists) return;
    // Narrow then restore: recipients' views are redacted again both ways.
    const mandates = state.mandates.length === profile.mandates.length ? profile.mandates.filter(() => this.random() < 0.7) : profile.mandates;
    this.run({ type: 'ChangeAgencyMandates', actor: (this.officers.get(profile.agencyId) as Officers).admin, data: { agencyId: profile.agencyId, mandates: [...mandates] } });
  }

  private suspendOrResumeAgreement(): void {
    if (this.suspended.length > 0 && this.random() < 0.7) {
      const agreementId = this.suspended.shift() as string;
      const state = this.driver.agreement(agreementId) as ExistingAgreement;
      this.run({ type: 'ResumeAgreement', actor: (this.officers.get(state.parties[0]) as Officers).admin, data: { agreementId } });
      return;
    }
    const active = this.driver.agreementIds().map((id) => this.driver.agreement(id)).filter((a): a is ExistingAgreement => a.exists && a.status === 'ACTIVE');
    if (active.length <= 2) return;
    const agreement = this.pick(active);
    if (this.run({ type: 'SuspendAgreement', actor: (this.officers.get(this.pick(agreement.parties)) as Officers).admin, data: { agreementId: agreement.agreementId, reason: 'review of data protection safeguards' } })) {
      this.suspended.push(agreement.agreementId);
    }
  }

  // ── deciding and recording ──────────────────────────────────────────────

  /** Decides and plans a command; a refused command (a domain rule said no) is simply not recorded. */
  private run(command: LedgerCommand): boolean {
    const appends = this.driver.tryExecute(command);
    if (appends === null || appends.length === 0) return false;
    for (const append of appends) {
      this.pending.push(append);
      this.planned += append.events.length;
      for (const event of append.events) this.summary[event.type] = (this.summary[event.type] ?? 0) + 1;
    }
    return true;
  }

  // ── choices ─────────────────────────────────────────────────────────────

  private addLiveCase(caseId: string, ownerAgencyId: string): void {
    this.liveCases.push(caseId);
    const owned = this.liveCasesByOwner.get(ownerAgencyId) ?? [];
    owned.push(caseId);
    this.liveCasesByOwner.set(ownerAgencyId, owned);
  }

  private agreementsInForceFor(agencyId: string): ExistingAgreement[] {
    const now = this.driver.now();
    return this.driver.agreementIds().map((id) => this.driver.agreement(id)).filter((a): a is ExistingAgreement => isAgreementInForce(a, now) && a.parties.includes(agencyId));
  }

  private pickWorkingAgency(): string {
    return this.pick(AGENCIES.filter((a) => a.kind !== 'OVERSIGHT')).agencyId;
  }

  private pickLiveCase(): ExistingCase | undefined {
    if (this.liveCases.length === 0) return undefined;
    return this.driver.caseState(this.pick(this.liveCases)) as ExistingCase;
  }

  private markings(atLeast: Tlp): Markings {
    const levels = TLP_LEVELS.filter((tlp) => tlpRank(tlp) >= tlpRank(atLeast));
    // Mostly the floor itself; sometimes stricter.
    const tlp = this.random() < 0.75 ? levels[0] : this.pick(levels);
    const handling: HandlingCode[] = this.random() < 0.2 ? ['H0', 'H3'] : this.random() < 0.4 ? ['H0', 'H1'] : ['H0'];
    const evaluation = this.random() < 0.6 ? { source: this.pick(['A', 'B', 'C', 'X'] as const), information: this.pick(['1', '2', '3', '4'] as const) } : undefined;
    return { tlp, handling, ...(handling.includes('H3') ? { handlingNote: 'Not to be shared with immigration authorities without consent' } : {}), ...(evaluation ? { evaluation } : {}) };
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private nextId(): string {
    this.serial += 1;
    return String(this.serial).padStart(6, '0');
  }

  private uuid(): string {
    const hex = Array.from({ length: 4 }, () => Math.floor(this.random() * 0x1_0000_0000).toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

function kindTitle(kind: CaseKind): string {
  return kind === 'TRAFFICKING' ? 'Trafficking' : kind === 'SMUGGLING' ? 'Smuggling' : 'Identification';
}
