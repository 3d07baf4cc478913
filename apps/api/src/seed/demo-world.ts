import type { AgencyKind, CaseKind, DataCategory, Markings, Role } from '@ledger/domain';
import { demoId } from './seed-ids';

/**
 * The demo world, drawn from the EU–China cooperation reports in the project's background
 * material: China's MPS Office to Combat Trafficking in Persons, the French OCRTEH, Austria's
 * Criminal Intelligence Service, Bulgaria's National Commission, Europol, IOM's office in China,
 * the Nordic Police Liaison Office in Beijing, and an oversight board that audits the ledger.
 * People, companies, accounts and places in cases are invented.
 */

export interface DemoOfficer {
  officerId: string;
  name: string;
  roles: Role[];
  auditScope?: 'OWN' | 'ALL';
}

export interface DemoAgency {
  agencyId: string;
  name: string;
  country: string;
  kind: AgencyKind;
  mandates: DataCategory[];
  /** The first officer is the agency's admin. */
  officers: [DemoOfficer, ...DemoOfficer[]];
}

const ALL: DataCategory[] = ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL', 'COMMUNICATIONS', 'TRAVEL_ROUTE', 'LOCATION'];

export const OVERSIGHT = 'ledger-oversight';
export const CN = 'cn-mps-ocht';
export const FR = 'fr-ocreth';
export const AT = 'at-bk';
export const BG = 'bg-nccthb';
export const EUROPOL = 'europol';
export const IOM = 'iom-cn';
export const NORDIC = 'nordic-plo-beijing';

/** The first agency is bootstrapped; its admin onboards the others. */
export const DEMO_AGENCIES: DemoAgency[] = [
  {
    agencyId: OVERSIGHT,
    name: 'Liaison Ledger Oversight Board',
    country: 'BE',
    kind: 'OVERSIGHT',
    mandates: [],
    officers: [
      { officerId: 'oversight-admin', name: 'Marta Kowalska', roles: ['AGENCY_ADMIN'] },
      { officerId: 'oversight-auditor', name: 'Helena Novak', roles: ['AUDITOR'], auditScope: 'ALL' },
    ],
  },
  {
    agencyId: CN,
    name: 'Ministry of Public Security — Office to Combat Trafficking in Persons',
    country: 'CN',
    kind: 'POLICE',
    mandates: ALL,
    officers: [
      { officerId: 'cn-mps-ocht-admin', name: 'Zhou Hong', roles: ['AGENCY_ADMIN'] },
      { officerId: 'cn-mps-ocht-wang', name: 'Wang Lei', roles: ['INVESTIGATOR'] },
      { officerId: 'cn-mps-ocht-li', name: 'Li Na', roles: ['LIAISON_OFFICER'] },
      { officerId: 'cn-mps-ocht-auditor', name: 'Zhao Min', roles: ['AUDITOR'] },
    ],
  },
  {
    agencyId: FR,
    name: 'Office central pour la répression de la traite des êtres humains (OCRTEH)',
    country: 'FR',
    kind: 'POLICE',
    mandates: ALL,
    officers: [
      { officerId: 'fr-ocreth-admin', name: 'Claire Martin', roles: ['AGENCY_ADMIN'] },
      { officerId: 'fr-ocreth-dupont', name: 'Julien Dupont', roles: ['INVESTIGATOR'] },
      { officerId: 'fr-ocreth-bernard', name: 'Sophie Bernard', roles: ['LIAISON_OFFICER'] },
      { officerId: 'fr-ocreth-auditor', name: 'Paul Lefèvre', roles: ['AUDITOR'] },
    ],
  },
  {
    agencyId: AT,
    name: 'Bundeskriminalamt — Criminal Intelligence Service Austria',
    country: 'AT',
    kind: 'POLICE',
    mandates: ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE', 'LOCATION'],
    officers: [
      { officerId: 'at-bk-admin', name: 'Eva Steiner', roles: ['AGENCY_ADMIN'] },
      { officerId: 'at-bk-gruber', name: 'Lukas Gruber', roles: ['INVESTIGATOR', 'LIAISON_OFFICER'] },
    ],
  },
  {
    agencyId: BG,
    name: 'National Commission for Combating Trafficking in Human Beings',
    country: 'BG',
    kind: 'JUDICIAL',
    mandates: ['VICTIM_IDENTITY', 'TRAVEL_ROUTE', 'LOCATION'],
    officers: [
      { officerId: 'bg-nccthb-admin', name: 'Elena Georgieva', roles: ['AGENCY_ADMIN'] },
      { officerId: 'bg-nccthb-petrov', name: 'Ivan Petrov', roles: ['INVESTIGATOR'] },
    ],
  },
  {
    agencyId: EUROPOL,
    name: 'Europol — European Serious and Organised Crime Centre',
    country: 'NL',
    kind: 'INTERNATIONAL_ORGANISATION',
    mandates: ['SUSPECT_IDENTITY', 'FINANCIAL', 'COMMUNICATIONS', 'TRAVEL_ROUTE'],
    officers: [
      { officerId: 'europol-admin', name: 'Anouk Jansen', roles: ['AGENCY_ADMIN'] },
      { officerId: 'europol-devries', name: 'Jan de Vries', roles: ['INVESTIGATOR'] },
    ],
  },
  {
    agencyId: IOM,
    name: 'International Organization for Migration — Liaison Office to China',
    country: 'CN',
    kind: 'INTERNATIONAL_ORGANISATION',
    mandates: ['VICTIM_IDENTITY', 'TRAVEL_ROUTE'],
    officers: [
      { officerId: 'iom-cn-admin', name: 'Grace Mwangi', roles: ['AGENCY_ADMIN'] },
      { officerId: 'iom-cn-okafor', name: 'Sarah Okafor', roles: ['LIAISON_OFFICER'] },
    ],
  },
  {
    agencyId: NORDIC,
    name: 'Nordic Police Liaison Office, Beijing',
    country: 'DK',
    kind: 'LIAISON_NETWORK',
    mandates: ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'COMMUNICATIONS', 'TRAVEL_ROUTE'],
    officers: [
      { officerId: 'nordic-plo-admin', name: 'Mikkel Larsen', roles: ['AGENCY_ADMIN'] },
      { officerId: 'nordic-plo-lindqvist', name: 'Erik Lindqvist', roles: ['LIAISON_OFFICER', 'INVESTIGATOR'] },
    ],
  },
];

export interface DemoAgreement {
  agreementId: string;
  title: string;
  /** The first party proposes; `signedBy` sign in order (every party: ACTIVE). */
  parties: string[];
  signedBy: string[];
  scope: CaseKind[];
  categories: DataCategory[];
  maxTlp: Markings['tlp'];
  validFrom: string;
  validUntil: string;
}

export const AGREEMENTS = {
  cnFr: demoId('agreement:cn-fr'),
  atCnIom: demoId('agreement:at-cn-iom'),
  bgFr: demoId('agreement:bg-fr'),
  europolFr: demoId('agreement:europol-fr'),
  nordicCn: demoId('agreement:nordic-cn'),
};

export const DEMO_AGREEMENTS: DemoAgreement[] = [
  {
    agreementId: AGREEMENTS.cnFr,
    title: 'OCHT–OCRTEH memorandum on two-way information sharing on trafficking cases',
    parties: [FR, CN],
    signedBy: [FR, CN],
    scope: ['TRAFFICKING', 'SMUGGLING', 'IDENTIFICATION'],
    categories: ALL,
    maxTlp: 'AMBER',
    validFrom: '2024-01-01',
    validUntil: '2030-12-31',
  },
  {
    agreementId: AGREEMENTS.atCnIom,
    title: 'Austria–China cooperation on Chinese victims of trafficking, with IOM as communication channel',
    parties: [AT, CN, IOM],
    signedBy: [AT, CN, IOM],
    scope: ['TRAFFICKING', 'IDENTIFICATION'],
    categories: ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE', 'LOCATION'],
    maxTlp: 'AMBER',
    validFrom: '2024-06-01',
    validUntil: '2029-05-31',
  },
  {
    agreementId: AGREEMENTS.bgFr,
    title: 'Bulgaria–France joint investigation arrangement on trafficking in human beings',
    parties: [BG, FR],
    signedBy: [BG],
    scope: ['TRAFFICKING'],
    categories: ['VICTIM_IDENTITY', 'TRAVEL_ROUTE'],
    maxTlp: 'GREEN',
    validFrom: '2025-01-01',
    validUntil: '2030-12-31',
  },
  {
    agreementId: AGREEMENTS.europolFr,
    title: 'Europol–OCRTEH operational data exchange on Chinese organised crime groups',
    parties: [FR, EUROPOL],
    signedBy: [FR, EUROPOL],
    scope: ['TRAFFICKING', 'SMUGGLING'],
    categories: ['SUSPECT_IDENTITY', 'FINANCIAL', 'COMMUNICATIONS', 'TRAVEL_ROUTE'],
    maxTlp: 'AMBER',
    validFrom: '2024-01-01',
    validUntil: '2028-12-31',
  },
  {
    agreementId: AGREEMENTS.nordicCn,
    title: 'Nordic PLO Beijing–MPS channel for identification and return',
    parties: [NORDIC, CN],
    signedBy: [NORDIC, CN],
    scope: ['SMUGGLING', 'IDENTIFICATION'],
    categories: ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'TRAVEL_ROUTE'],
    maxTlp: 'AMBER',
    validFrom: '2024-01-01',
    validUntil: '2030-12-31',
  },
];

export const CASES = {
  parlours: demoId('case:fr-parlours'),
  vienna: demoId('case:at-vienna'),
  passports: demoId('case:cn-passports'),
  bulgaria: demoId('case:bg-recruitment'),
  harbin: demoId('case:cn-harbin'),
  fuqing: demoId('case:cn-fuqing-identification'),
};

export const CLUES = {
  identification: demoId('clue:nordic-identification'),
  recruiter: demoId('clue:fr-recruiter'),
  viennaVictims: demoId('clue:cn-vienna-victims'),
  transfers: demoId('clue:at-transfers'),
  europolLead: demoId('clue:fr-europol-lead'),
};
