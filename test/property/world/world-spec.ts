import * as fc from 'fast-check';
import {
  AGENCY_KINDS,
  type AgencyKind,
  CASE_KINDS,
  type CaseKind,
  CLUE_KINDS,
  type ClueKind,
  DATA_CATEGORIES,
  type DataCategory,
  HANDLING_CODES,
  type HandlingCode,
  ORGANISATION_KINDS,
  type OrganisationKind,
  PERSON_ROLES,
  type PersonRole,
  SOURCE_RELIABILITY,
  type Tlp,
  TRAVEL_METHODS,
  type TravelMethod,
} from '@ledger/domain/shared/vocabulary';
import { CREDIBILITY_NAMES, type MarkingsInput } from './commands';

/**
 * A generated world, before it is bound to ids and dates: agencies, and a list of intents whose
 * references are small numbers resolved (modulo) against what earlier intents declared. Keeping
 * references symbolic lets fast-check shrink a world by dropping intents without breaking the rest.
 */

export interface AgencySpec {
  kind: Exclude<AgencyKind, 'OVERSIGHT'>;
  country: string;
  mandates: DataCategory[];
}

/** Who sends a command: the officer the rules expect, one of the same agency with another role, or the right role of another agency. */
export type ActorChoice = 'right' | 'wrongRole' | 'otherAgency';

export type OfficerSlot = 'admin' | 'investigator' | 'liaison';

export type FactSpec =
  | {
      type: 'person';
      role: PersonRole;
      withBirthDate: boolean;
      withNationality: boolean;
      withDocument: boolean;
      withPhone: boolean;
      withAddress: boolean;
    }
  | { type: 'route'; transitStops: number; withCities: boolean; method: TravelMethod }
  | { type: 'organisation'; kind: OrganisationKind; withAddress: boolean }
  | { type: 'moneyFlow'; amount: number }
  | { type: 'note' };

export type Intent =
  | {
      type: 'proposeAgreement';
      proposer: number;
      others: number[];
      scope: CaseKind[];
      categories: DataCategory[];
      maxTlp: Tlp;
      /** Days from today. */
      validFrom: number;
      validUntil: number;
      signing: 'all' | 'some' | 'none';
      actor: ActorChoice;
    }
  | { type: 'signAgreement'; agreement: number; party: number; actor: ActorChoice }
  | {
      type: 'suspendAgreement' | 'resumeAgreement' | 'terminateAgreement';
      agreement: number;
      party: number;
      /** Aim at an agreement something was shared or sent under, where the change shows. */
      aimAtUsed: boolean;
      actor: ActorChoice;
    }
  /** `narrow` drops one category from the agency's mandates; `any` sets a random set. */
  | { type: 'changeMandates'; agency: number; mode: 'narrow' | 'any'; drop: number; mandates: DataCategory[] }
  | { type: 'suspendOfficer' | 'reinstateOfficer'; agency: number; officer: OfficerSlot }
  | { type: 'openCase'; agency: number; kind: CaseKind; markings: MarkingsInput; actor: ActorChoice }
  | { type: 'recordFact'; case: number; /** Record on a case already shared, where recipients see the fact. */ onShared: boolean; fact: FactSpec; markings: MarkingsInput; /** TLP steps above (below when negative) the case's. */ tlpStep: number; actor: ActorChoice }
  | {
      type: 'shareCase';
      case: number;
      /** Re-share with an existing recipient (narrowing or widening its categories) or share anew. */
      target: 'new' | 'existing';
      agreement: number;
      agreementFit: boolean;
      recipients: number[];
      /** Bit mask over the categories the agreement and recipient allow; `any` ignores them. */
      categoryMask: number;
      categoryMode: 'fit' | 'any';
      anyCategories: DataCategory[];
      actor: ActorChoice;
    }
  | { type: 'revokeShare'; case: number; recipient: number; actor: ActorChoice }
  | { type: 'declareJoint'; case: number; partners: number; actor: ActorChoice }
  | { type: 'closeCase'; case: number; actor: ActorChoice }
  | {
      type: 'submitClue';
      sender: number;
      recipients: number[];
      agreementPick: number;
      agreementFit: boolean;
      kind: ClueKind;
      /** Carry a claimed identity whatever the kind (the rules want one exactly for identification requests). */
      identity: 'byKind' | 'always' | 'never';
      identityRole: PersonRole;
      identityFields: { birthDate: boolean; nationality: boolean; document: boolean };
      markings: MarkingsInput;
      senderCase: number | null;
      actor: ActorChoice;
    }
  | {
      type: 'clueStep';
      clue: number;
      recipient: number;
      /** `next`: the step the lifecycle expects next (as far as the generator can tell); else a given step. */
      step: 'next' | ClueStepName;
      choice: number;
      intoNewCase: boolean;
      fitOutcome: boolean;
      actor: ActorChoice;
    };

export const CLUE_STEP_NAMES = ['acknowledge', 'requestInformation', 'provideInformation', 'accept', 'decline', 'feedback', 'close', 'withdraw'] as const;
export type ClueStepName = (typeof CLUE_STEP_NAMES)[number];

export interface WorldSpec {
  agencies: AgencySpec[];
  /** Agreements proposed and cases opened first, so that the world has something to share early on. */
  openingAgreements: Extract<Intent, { type: 'proposeAgreement' }>[];
  openingCases: Extract<Intent, { type: 'openCase' }>[];
  intents: Intent[];
}

const COUNTRIES = ['CN', 'FR', 'AT', 'BG', 'DE', 'NL', 'VN', 'TH', 'RO', 'IT'] as const;

const actorChoice: fc.Arbitrary<ActorChoice> = fc.oneof(
  { arbitrary: fc.constant('right' as const), weight: 20 },
  { arbitrary: fc.constant('wrongRole' as const), weight: 1 },
  { arbitrary: fc.constant('otherAgency' as const), weight: 1 },
);
const ref = fc.nat({ max: 31 });
/** Whether to aim at an agreement that looks usable (signed, in its window, covering the case). */
const fitBias = fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const categories = fc.subarray([...DATA_CATEGORIES]);
const someCategories = fc.subarray([...DATA_CATEGORIES], { minLength: 1 });

/** Mostly the everyday markings, so that most cases fit under most agreements; now and then the strict ones. */
const tlpArb: fc.Arbitrary<Tlp> = fc.oneof(
  { weight: 2, arbitrary: fc.constant('CLEAR' as const) },
  { weight: 3, arbitrary: fc.constant('GREEN' as const) },
  { weight: 3, arbitrary: fc.constant('AMBER' as const) },
  { weight: 1, arbitrary: fc.constant('AMBER_STRICT' as const) },
  { weight: 1, arbitrary: fc.constant('RED' as const) },
);
/** Agreement ceilings lean the other way: mostly generous. */
const maxTlpArb: fc.Arbitrary<Tlp> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('CLEAR' as const, 'GREEN' as const) },
  { weight: 2, arbitrary: fc.constant('AMBER' as const) },
  { weight: 2, arbitrary: fc.constant('AMBER_STRICT' as const) },
  { weight: 2, arbitrary: fc.constant('RED' as const) },
);

export const markingsArb: fc.Arbitrary<MarkingsInput> = fc
  .record({
    tlp: tlpArb,
    handling: fc.subarray([...HANDLING_CODES] as HandlingCode[]),
    evaluation: fc.option(fc.record({ source: fc.constantFrom(...SOURCE_RELIABILITY), information: fc.constantFrom(...CREDIBILITY_NAMES) }), { nil: undefined }),
    /** Rarely break the H3 rule: a restriction without H3, or H3 without one. */
    noteRuleBroken: fc.oneof({ arbitrary: fc.constant(false), weight: 40 }, { arbitrary: fc.constant(true), weight: 1 }),
  })
  .map(({ tlp, handling, evaluation, noteRuleBroken }) => {
    const markings: MarkingsInput = { tlp, handling };
    const wantsNote = handling.includes('H3') !== noteRuleBroken;
    if (wantsNote) markings.handlingNote = 'Not to be shared with third countries';
    if (evaluation) markings.evaluation = evaluation;
    return markings;
  });

const factArb: fc.Arbitrary<FactSpec> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('person' as const),
      role: fc.constantFrom(...PERSON_ROLES),
      withBirthDate: fc.boolean(),
      withNationality: fc.boolean(),
      withDocument: fc.boolean(),
      withPhone: fc.boolean(),
      withAddress: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('route' as const), transitStops: fc.nat({ max: 2 }), withCities: fc.boolean(), method: fc.constantFrom(...TRAVEL_METHODS) }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('organisation' as const), kind: fc.constantFrom(...ORGANISATION_KINDS), withAddress: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('moneyFlow' as const), amount: fc.integer({ min: 1, max: 500_000 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('note' as const) }) },
);

/** Validity windows: mostly covering today, some not yet valid, some already over (refused). */
const coveringToday = fc.record({ validFrom: fc.integer({ min: -400, max: 0 }), validUntil: fc.integer({ min: 0, max: 400 }) });
const validity = fc.oneof(
  { weight: 6, arbitrary: coveringToday },
  { weight: 2, arbitrary: fc.record({ validFrom: fc.integer({ min: 1, max: 60 }), validUntil: fc.integer({ min: 61, max: 400 }) }) },
  { weight: 1, arbitrary: fc.record({ validFrom: fc.integer({ min: -400, max: -30 }), validUntil: fc.integer({ min: -29, max: -1 }) }) },
);

const proposeAgreementArb = (opening: boolean): fc.Arbitrary<Extract<Intent, { type: 'proposeAgreement' }>> =>
  fc
    .record({
      proposer: ref,
      others: fc.array(ref, { minLength: 1, maxLength: 3 }),
      scope: fc.oneof({ weight: opening ? 3 : 1, arbitrary: fc.constant<CaseKind[]>([...CASE_KINDS]) }, { weight: 1, arbitrary: fc.subarray<CaseKind>([...CASE_KINDS], { minLength: 1 }) }),
      categories: someCategories,
      maxTlp: maxTlpArb,
      // The opening agreements are mostly signed and in force: the world's backbone.
      validity: opening ? fc.oneof({ weight: 8, arbitrary: coveringToday }, { weight: 1, arbitrary: validity }) : validity,
      signing: fc.oneof(
        { weight: opening ? 12 : 6, arbitrary: fc.constant('all' as const) },
        { weight: 1, arbitrary: fc.constant('some' as const) },
        { weight: 1, arbitrary: fc.constant('none' as const) },
      ),
      actor: actorChoice,
    })
    .map(({ validity: window, ...rest }) => ({ type: 'proposeAgreement' as const, ...rest, ...window }));

const openCaseArb: fc.Arbitrary<Extract<Intent, { type: 'openCase' }>> = fc.record({
  type: fc.constant('openCase' as const),
  agency: ref,
  kind: fc.constantFrom(...CASE_KINDS),
  markings: markingsArb,
  actor: actorChoice,
});

const intentArb: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 5, arbitrary: proposeAgreementArb(false) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('signAgreement' as const), agreement: ref, party: ref, actor: actorChoice }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.oneof(
        { weight: 3, arbitrary: fc.constant('suspendAgreement' as const) },
        { weight: 2, arbitrary: fc.constant('resumeAgreement' as const) },
        { weight: 1, arbitrary: fc.constant('terminateAgreement' as const) },
      ),
      agreement: ref,
      party: ref,
      aimAtUsed: fitBias,
      actor: actorChoice,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('changeMandates' as const),
      agency: ref,
      mode: fc.oneof({ weight: 3, arbitrary: fc.constant('narrow' as const) }, { weight: 1, arbitrary: fc.constant('any' as const) }),
      drop: ref,
      mandates: categories,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constantFrom('suspendOfficer' as const, 'reinstateOfficer' as const),
      agency: ref,
      officer: fc.constantFrom<OfficerSlot>('admin', 'investigator', 'liaison'),
    }),
  },
  { weight: 8, arbitrary: openCaseArb },
  {
    weight: 14,
    arbitrary: fc.record({
      type: fc.constant('recordFact' as const),
      case: ref,
      onShared: fc.boolean(),
      fact: factArb,
      markings: markingsArb,
      tlpStep: fc.oneof({ weight: 12, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: fc.constant(-1) }),
      actor: actorChoice,
    }),
  },
  {
    weight: 20,
    arbitrary: fc.record({
      type: fc.constant('shareCase' as const),
      case: ref,
      target: fc.oneof({ weight: 3, arbitrary: fc.constant('new' as const) }, { weight: 1, arbitrary: fc.constant('existing' as const) }),
      agreement: ref,
      agreementFit: fitBias,
      recipients: fc.array(ref, { minLength: 1, maxLength: 2 }),
      categoryMask: fc.nat({ max: 63 }),
      categoryMode: fc.oneof({ weight: 5, arbitrary: fc.constant('fit' as const) }, { weight: 1, arbitrary: fc.constant('any' as const) }),
      anyCategories: categories,
      actor: actorChoice,
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('revokeShare' as const), case: ref, recipient: ref, actor: actorChoice }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('declareJoint' as const), case: ref, partners: fc.integer({ min: 1, max: 2 }), actor: actorChoice }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('closeCase' as const), case: ref, actor: actorChoice }) },
  {
    weight: 7,
    arbitrary: fc.record({
      type: fc.constant('submitClue' as const),
      sender: ref,
      recipients: fc.array(ref, { minLength: 1, maxLength: 2 }),
      agreementPick: ref,
      agreementFit: fitBias,
      kind: fc.constantFrom(...CLUE_KINDS),
      identity: fc.oneof({ weight: 12, arbitrary: fc.constant('byKind' as const) }, { weight: 1, arbitrary: fc.constantFrom('always' as const, 'never' as const) }),
      identityRole: fc.constantFrom(...PERSON_ROLES),
      identityFields: fc.record({ birthDate: fc.boolean(), nationality: fc.boolean(), document: fc.boolean() }),
      markings: markingsArb,
      senderCase: fc.option(ref, { nil: null, freq: 2 }),
      actor: actorChoice,
    }),
  },
  {
    weight: 16,
    arbitrary: fc.record({
      type: fc.constant('clueStep' as const),
      clue: ref,
      recipient: ref,
      step: fc.oneof({ weight: 5, arbitrary: fc.constant('next' as const) }, { weight: 1, arbitrary: fc.constantFrom(...CLUE_STEP_NAMES) }),
      choice: ref,
      intoNewCase: fc.boolean(),
      fitOutcome: fc.oneof({ weight: 10, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      actor: actorChoice,
    }),
  },
);

const agencyArb: fc.Arbitrary<AgencySpec> = fc.record({
  kind: fc.constantFrom(...(AGENCY_KINDS.filter((kind) => kind !== 'OVERSIGHT') as Exclude<AgencyKind, 'OVERSIGHT'>[])),
  country: fc.constantFrom(...COUNTRIES),
  // Mostly broad mandates, so that shares succeed often enough to matter.
  mandates: fc.oneof({ weight: 2, arbitrary: fc.constant<DataCategory[]>([...DATA_CATEGORIES]) }, { weight: 3, arbitrary: someCategories }),
});

export interface WorldSize {
  minIntents: number;
  maxIntents: number;
}

export function worldSpecArb(size: WorldSize = { minIntents: 20, maxIntents: 60 }): fc.Arbitrary<WorldSpec> {
  return fc.record({
    agencies: fc.array(agencyArb, { minLength: 2, maxLength: 5 }),
    openingAgreements: fc.array(proposeAgreementArb(true), { minLength: 1, maxLength: 3 }),
    openingCases: fc.array(openCaseArb, { minLength: 1, maxLength: 4 }),
    intents: fc.array(intentArb, { minLength: size.minIntents, maxLength: size.maxIntents }),
  });
}
