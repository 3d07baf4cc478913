import { randomUUID } from 'node:crypto';
import type { TokenService } from '@ledger/platform';
import { DEMO_AGENCIES } from '../../../api/src/seed/demo-world';
import type { ExpectedWrite } from '../checks/command-ledger';
import type { ActingOfficer, SoakClient } from '../workload/soak-client';

const ALL_CATEGORIES = ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL', 'COMMUNICATIONS', 'TRAVEL_ROUTE', 'LOCATION'];

/** Agencies the soak onboards: the demo world's partners on the routes to Europe; mandates differ so redaction is exercised. */
const CATALOGUE: Array<{ agencyId: string; name: string; country: string; kind: string; mandates: string[] }> = [
  { agencyId: 'es-ucrif', name: 'Unidad Central de Redes de Inmigración Ilegal y Falsedades Documentales', country: 'ES', kind: 'POLICE', mandates: ALL_CATEGORIES },
  { agencyId: 'it-sco', name: 'Servizio Centrale Operativo', country: 'IT', kind: 'POLICE', mandates: ALL_CATEGORIES },
  { agencyId: 'ro-diicot', name: 'Directorate for Investigating Organized Crime and Terrorism', country: 'RO', kind: 'JUDICIAL', mandates: ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'TRAVEL_ROUTE', 'LOCATION'] },
  { agencyId: 'th-atpd', name: 'Anti-Trafficking in Persons Division', country: 'TH', kind: 'POLICE', mandates: ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL', 'TRAVEL_ROUTE'] },
  { agencyId: 'vn-c02', name: 'Anti-Trafficking Department, Ministry of Public Security', country: 'VN', kind: 'POLICE', mandates: ALL_CATEGORIES },
  { agencyId: 'gb-nca', name: 'National Crime Agency — Modern Slavery and Human Trafficking Unit', country: 'GB', kind: 'POLICE', mandates: ['SUSPECT_IDENTITY', 'FINANCIAL', 'COMMUNICATIONS', 'TRAVEL_ROUTE'] },
];

export const MAX_SOAK_AGENCIES = CATALOGUE.length;

export interface SoakAgency {
  agencyId: string;
  country: string;
  mandates: string[];
  admin: ActingOfficer;
  investigators: ActingOfficer[];
  liaison: ActingOfficer;
  auditor: ActingOfficer;
}

export interface SoakWorld {
  agencies: SoakAgency[];
  /** The ACTIVE agreement between two agencies (every kind, every category, up to AMBER). */
  agreementBetween(a: string, b: string): string;
  /** Streams of the world's agencies and agreements (for auditors to replay). */
  streams: string[];
  /** When the world was complete: views as of a later moment include every agency. */
  seededAt: Date;
}

export interface SeedOptions {
  agencies: number;
  investigatorsPerAgency: number;
  /** Token lifetime: longer than the run. */
  tokenTtlSeconds: number;
  /** Told after each seeding command. */
  onStep?: () => void;
}

/** Mutations the seed sends: agencies and officers by their admins, agreements proposed and signed by every party. */
export function seedCommandCount(options: Pick<SeedOptions, 'agencies' | 'investigatorsPerAgency'>): number {
  const pairs = (options.agencies * (options.agencies - 1)) / 2;
  return options.agencies * (1 + options.investigatorsPerAgency + 2) + pairs * 3;
}

/**
 * Onboards the soak's agencies over HTTP, as their people would: the demo oversight board's
 * admin registers each agency with its admin, each admin registers investigators, a liaison
 * officer and an auditor, and every pair of agencies proposes and signs an agreement.
 */
export async function seedSoakWorld(client: SoakClient, tokens: TokenService, options: SeedOptions): Promise<SoakWorld> {
  if (!(options.agencies >= 2 && options.agencies <= MAX_SOAK_AGENCIES)) throw new Error(`the soak needs 2 to ${MAX_SOAK_AGENCIES} agencies (asked ${options.agencies})`);
  const officer = async (officerId: string, agencyId: string): Promise<ActingOfficer> => ({
    officerId,
    agencyId,
    token: await tokens.mint({ officerId, agencyId, ttlSeconds: options.tokenTtlSeconds }),
  });
  const oversight = DEMO_AGENCIES[0];
  const registrar = await officer(oversight.officers[0].officerId, oversight.agencyId);

  const step = async (by: ActingOfficer, name: Parameters<SoakClient['mutate']>[1], input: Record<string, unknown>, writes: (commandId: string) => ExpectedWrite[]) => {
    const answer = await client.mutate(by, name, input, writes);
    if (answer.errors !== undefined || answer.status !== 200) throw new Error(`seeding failed at ${name} ${JSON.stringify(input)}: HTTP ${answer.status} ${JSON.stringify(answer.errors ?? answer.transportError)}`);
    options.onStep?.();
    return answer;
  };

  const agencies: SoakAgency[] = [];
  for (const entry of CATALOGUE.slice(0, options.agencies)) {
    const { agencyId } = entry;
    await step(registrar, 'registerAgency', { ...entry, admin: { officerId: `${agencyId}-admin`, name: `Admin ${agencyId}`, roles: ['AGENCY_ADMIN'] } }, (commandId) => [
      { stream: `agency-${agencyId}`, commandId, types: ['AgencyRegistered', 'OfficerRegistered'] },
    ]);
    const admin = await officer(`${agencyId}-admin`, agencyId);
    const register = async (officerId: string, roles: string[]): Promise<ActingOfficer> => {
      await step(admin, 'registerOfficer', { officerId, name: `Officer ${officerId}`, roles }, (commandId) => [{ stream: `agency-${agencyId}`, commandId, types: ['OfficerRegistered'] }]);
      return officer(officerId, agencyId);
    };
    const investigators: ActingOfficer[] = [];
    for (let index = 1; index <= options.investigatorsPerAgency; index += 1) investigators.push(await register(`${agencyId}-inv${index}`, ['INVESTIGATOR']));
    const liaison = await register(`${agencyId}-lo`, ['LIAISON_OFFICER']);
    const auditor = await register(`${agencyId}-aud`, ['AUDITOR']);
    agencies.push({ agencyId, country: entry.country, mandates: entry.mandates, admin, investigators, liaison, auditor });
  }

  const agreements = new Map<string, string>();
  for (const [index, first] of agencies.entries()) {
    for (const second of agencies.slice(index + 1)) {
      const agreementId = randomUUID();
      const stream = `agreement-${agreementId}`;
      await step(
        first.admin,
        'proposeAgreement',
        {
          agreementId,
          title: `Memorandum ${first.agencyId}–${second.agencyId} on trafficking and smuggling cases`,
          parties: [first.agencyId, second.agencyId],
          scope: ['TRAFFICKING', 'SMUGGLING', 'IDENTIFICATION'],
          categories: ALL_CATEGORIES,
          maxTlp: 'AMBER',
          validFrom: '2024-01-01',
          validUntil: '2035-12-31',
        },
        (commandId) => [{ stream, commandId, types: ['AgreementProposed'] }],
      );
      await step(first.admin, 'signAgreement', { agreementId }, (commandId) => [{ stream, commandId, types: ['AgreementSigned'] }]);
      await step(second.admin, 'signAgreement', { agreementId }, (commandId) => [{ stream, commandId, types: ['AgreementSigned', 'AgreementActivated'] }]);
      agreements.set(pairKey(first.agencyId, second.agencyId), agreementId);
    }
  }

  return {
    agencies,
    agreementBetween(a, b) {
      const agreementId = agreements.get(pairKey(a, b));
      if (agreementId === undefined) throw new Error(`no agreement between ${a} and ${b}`);
      return agreementId;
    },
    streams: [...agencies.map((agency) => `agency-${agency.agencyId}`), ...[...agreements.values()].map((id) => `agreement-${id}`)],
    seededAt: new Date(),
  };
}

function pairKey(a: string, b: string): string {
  return [a, b].sort().join('|');
}
