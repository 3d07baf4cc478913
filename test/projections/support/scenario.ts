/**
 * A small, hand-written world for projection tests: real domain decisions (DomainDriver) appended
 * to a real event store, projected by the real projector into a real read model.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openEventStore, type EventStore } from '@ledger/event-store';
import type { Actor } from '@ledger/domain/shared/actor';
import type { CaseKind, DataCategory, Markings, Role, Tlp } from '@ledger/domain/shared/vocabulary';
import { openReadModel, Projector, type ReadModel, ViewReader } from '@ledger/projections';
import { appendAll, DomainDriver, type LedgerCommand } from '@ledger/projections/testing/domain-driver';
import { fastTempDir } from './temp-dir';

export const FR = 'fr-ocreth';
export const CN = 'cn-mps-ocht';
export const AT = 'at-bk';
export const BG = 'bg-nccthb';
export const EUROPOL = 'europol';
export const ALL: DataCategory[] = ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL', 'COMMUNICATIONS', 'TRAVEL_ROUTE', 'LOCATION'];

export const admin = (agencyId: string): Actor => officer(agencyId, 'admin', ['AGENCY_ADMIN']);
export const investigator = (agencyId: string): Actor => officer(agencyId, 'inv', ['INVESTIGATOR']);
export const liaison = (agencyId: string): Actor => officer(agencyId, 'liaison', ['LIAISON_OFFICER']);

function officer(agencyId: string, suffix: string, roles: Role[]): Actor {
  return { officerId: `${agencyId}.${suffix}`, agencyId, roles, auditScope: 'OWN' };
}

export function markings(tlp: Tlp = 'GREEN'): Markings {
  return { tlp, handling: ['H0'] };
}

export interface Scenario {
  store: EventStore;
  readModel: ReadModel;
  projector: Projector;
  views: ViewReader;
  driver: DomainDriver;
  /** Decides and appends a command; waits until the views include it; returns the last position. */
  run(command: LedgerCommand): Promise<number>;
  /** Decides and appends without waiting for the projector. */
  append(command: LedgerCommand): Promise<number>;
  close(): Promise<void>;
}

export interface ScenarioOptions {
  /** Event store URL; default a SQLite file in a fresh temporary directory. */
  storeUrl?: string;
  /** Read model URL; default views.db in the same temporary directory. */
  readModelUrl?: string;
  /** Start the projector (default true). */
  project?: boolean;
}

export async function openScenario(options: ScenarioOptions = {}): Promise<Scenario & { dir: string }> {
  const dir = fastTempDir('ledger-projections-');
  const store = await openEventStore(options.storeUrl ?? `sqlite:${join(dir, 'ledger.db')}`, { pollIntervalMs: 20 });
  const readModel = await openReadModel(options.readModelUrl ?? `sqlite:${join(dir, 'views.db')}`);
  const projector = new Projector({ store, readModel, retryDelayMs: 50 });
  if (options.project !== false) await projector.start();
  const driver = new DomainDriver(new Date(), randomUUID);
  const append = async (command: LedgerCommand): Promise<number> => appendAll(store, driver.execute(command));
  return {
    dir,
    store,
    readModel,
    projector,
    views: new ViewReader(readModel),
    driver,
    append,
    async run(command) {
      const position = await append(command);
      if (projector.isRunning() && !(await projector.waitFor(position, 10_000))) throw new Error(`the projector did not reach position ${position}`);
      return position;
    },
    async close() {
      await projector.stop();
      await readModel.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Registers an agency with an admin, an investigator and a liaison officer. */
export async function registerAgency(s: Scenario, agencyId: string, mandates: DataCategory[], options: { country?: string; first?: boolean } = {}): Promise<void> {
  const data = {
    agencyId,
    name: `Agency ${agencyId}`,
    country: options.country ?? 'FR',
    kind: 'POLICE' as const,
    mandates,
    admin: { officerId: admin(agencyId).officerId, name: `Admin ${agencyId}`, roles: ['AGENCY_ADMIN' as const], auditScope: 'OWN' as const },
  };
  if (options.first) await s.append({ type: 'BootstrapLedger', actor: { officerId: 'system', agencyId: 'system', roles: [], auditScope: 'OWN' }, data });
  else await s.append({ type: 'RegisterAgency', actor: admin(FR), data });
  for (const actor of [investigator(agencyId), liaison(agencyId)]) {
    await s.append({ type: 'RegisterOfficer', actor: admin(agencyId), data: { agencyId, officerId: actor.officerId, name: `Officer ${actor.officerId}`, roles: actor.roles, auditScope: 'OWN' } });
  }
}

export interface AgreementSpec {
  agreementId: string;
  parties: string[];
  categories?: DataCategory[];
  scope?: CaseKind[];
  maxTlp?: Tlp;
  validFrom?: string;
  validUntil?: string;
  /** Leave it PROPOSED (not every party signs). */
  unsigned?: boolean;
}

export async function makeAgreement(s: Scenario, spec: AgreementSpec): Promise<number> {
  let position = await s.append({
    type: 'ProposeAgreement',
    actor: admin(spec.parties[0]),
    data: {
      agreementId: spec.agreementId,
      title: `Agreement ${spec.agreementId}`,
      parties: spec.parties,
      scope: spec.scope ?? ['TRAFFICKING', 'SMUGGLING', 'IDENTIFICATION'],
      categories: spec.categories ?? ALL,
      maxTlp: spec.maxTlp ?? 'RED',
      validFrom: spec.validFrom ?? '2020-01-01',
      validUntil: spec.validUntil ?? '2035-12-31',
    },
  });
  const signers = spec.unsigned ? spec.parties.slice(0, 1) : spec.parties;
  for (const party of signers) position = await s.append({ type: 'SignAgreement', actor: admin(party), data: { agreementId: spec.agreementId } });
  return position;
}

/** FR (owner of most cases), CN, AT, BG and Europol, with agreements between them. */
export async function standardWorld(s: Scenario): Promise<number> {
  await registerAgency(s, FR, ALL, { first: true });
  await registerAgency(s, CN, ALL, { country: 'CN' });
  await registerAgency(s, AT, ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'TRAVEL_ROUTE'], { country: 'AT' });
  await registerAgency(s, BG, ['SUSPECT_IDENTITY'], { country: 'BG' });
  await registerAgency(s, EUROPOL, ['FINANCIAL', 'SUSPECT_IDENTITY'], { country: 'NL' });
  await makeAgreement(s, { agreementId: 'fr-cn', parties: [FR, CN] });
  await makeAgreement(s, { agreementId: 'fr-at', parties: [FR, AT], categories: ['VICTIM_IDENTITY', 'TRAVEL_ROUTE', 'FINANCIAL'], maxTlp: 'AMBER' });
  return makeAgreement(s, { agreementId: 'fr-bg', parties: [FR, BG] });
}

/** A FR trafficking case with one fact of each kind plus a RED note. */
export async function caseWithFacts(s: Scenario, caseId: string, owner = FR): Promise<number> {
  const actor = investigator(owner);
  await s.append({ type: 'OpenCase', actor, data: { caseId, kind: 'TRAFFICKING', title: 'Wenzhou recruitment ring', summary: 'Victims recruited in Wenzhou for Paris parlours', markings: markings('GREEN') } });
  await s.append({
    type: 'RecordPerson',
    actor,
    data: { caseId, personId: 'victim-1', role: 'VICTIM', fullName: 'Li Na', dateOfBirth: '1995-03-02', nationality: 'CN', phoneNumber: '+33 6 12 34 56 78', address: '12 rue de Belleville', markings: markings('GREEN') },
  });
  await s.append({ type: 'RecordPerson', actor, data: { caseId, personId: 'suspect-1', role: 'SUSPECT', fullName: 'Zhang Wei', markings: markings('AMBER') } });
  await s.append({
    type: 'RecordRoute',
    actor,
    data: { caseId, routeId: 'route-1', origin: { country: 'CN', city: 'Wenzhou' }, transit: [{ country: 'RU', city: 'Moscow' }], destination: { country: 'FR', city: 'Paris' }, method: 'AIR', markings: markings('GREEN') },
  });
  await s.append({
    type: 'RecordMoneyFlow',
    actor,
    data: { caseId, flowId: 'flow-1', fromAccount: 'FR7630006000011234567890189', toAccount: 'CN6212260200012345678', amount: 12500, currency: 'EUR', date: '2025-05-01', channel: 'SWIFT', markings: markings('AMBER') },
  });
  await s.append({ type: 'RecordOrganisation', actor, data: { caseId, organisationId: 'org-1', name: 'Golden Lotus Massage', kind: 'PARLOUR', country: 'FR', address: '3 bd de la Villette', markings: markings('GREEN') } });
  return s.append({ type: 'AddNote', actor, data: { caseId, noteId: 'note-red', text: 'Informant inside the parlour', markings: markings('RED') } });
}
