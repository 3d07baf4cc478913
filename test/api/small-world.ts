import { randomUUID } from 'node:crypto';
import type { ApiHarness } from '../support/api-harness';

/**
 * A small world built through the API's own mutations: France (all mandates), China (all
 * mandates), Austria (TRAVEL_ROUTE and SUSPECT_IDENTITY only) and Europol (no agreement with
 * anyone); agreements FR–CN (every category, up to AMBER) and FR–AT (TRAVEL_ROUTE and
 * SUSPECT_IDENTITY, up to AMBER); and a French case with a suspect, a victim, a route, a money
 * flow and notes (one RED), not shared yet.
 */
export const FR = 'fr-ocreth';
export const CN = 'cn-mps-ocht';
export const AT = 'at-bk';
export const EU = 'europol';

export interface SmallWorld {
  tokens: Record<string, string>;
  agreements: { frCn: string; frAt: string };
  caseId: string;
}

export const MARKINGS = { tlp: 'AMBER', handling: ['H0', 'H2'] };

const REGISTER_AGENCY = `mutation Register($input: RegisterAgencyInput!) { registerAgency(input: $input) { agencyId adminOfficerId } }`;
const REGISTER_OFFICER = `mutation Officer($input: RegisterOfficerInput!) { registerOfficer(input: $input) { id roles } }`;
const PROPOSE = `mutation Propose($input: ProposeAgreementInput!) { proposeAgreement(input: $input) { id status } }`;
const SIGN = `mutation Sign($input: SignAgreementInput!) { signAgreement(input: $input) { id status } }`;
export const OPEN_CASE = `mutation Open($input: OpenCaseInput!) { openCase(input: $input) { id title } }`;
export const SHARE_CASE = `mutation Share($input: ShareCaseInput!) { shareCase(input: $input) { id shares { recipient { id } categories revoked } } }`;

const ALL = ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY', 'FINANCIAL', 'COMMUNICATIONS', 'TRAVEL_ROUTE', 'LOCATION'];

export async function buildSmallWorld(api: ApiHarness): Promise<SmallWorld> {
  const registrar = await api.bootstrap();
  const tokens: Record<string, string> = { registrar: await api.token(registrar.officerId) };

  const agencies: Array<[string, string, string[]]> = [
    [FR, 'FR', ALL],
    [CN, 'CN', ALL],
    [AT, 'AT', ['TRAVEL_ROUTE', 'SUSPECT_IDENTITY']],
    [EU, 'NL', ['SUSPECT_IDENTITY', 'FINANCIAL']],
  ];
  for (const [agencyId, country, mandates] of agencies) {
    await api.ok(tokens.registrar, REGISTER_AGENCY, {
      input: { agencyId, name: `Agency ${agencyId}`, country, kind: 'POLICE', mandates, admin: { officerId: `${agencyId}-admin`, name: `Admin ${agencyId}`, roles: ['AGENCY_ADMIN'] } },
    });
    tokens[`${agencyId}-admin`] = await api.token(`${agencyId}-admin`);
    for (const [suffix, roles] of [
      ['inv', ['INVESTIGATOR']],
      ['lo', ['LIAISON_OFFICER']],
    ] as const) {
      await api.ok(tokens[`${agencyId}-admin`], REGISTER_OFFICER, { input: { officerId: `${agencyId}-${suffix}`, name: `${suffix} ${agencyId}`, roles } });
      tokens[`${agencyId}-${suffix}`] = await api.token(`${agencyId}-${suffix}`);
    }
  }

  const agreement = async (parties: [string, string], categories: string[]): Promise<string> => {
    const agreementId = randomUUID();
    await api.ok(tokens[`${parties[0]}-admin`], PROPOSE, {
      input: { agreementId, title: `MoU ${parties.join('–')}`, parties, scope: ['TRAFFICKING', 'SMUGGLING', 'IDENTIFICATION'], categories, maxTlp: 'AMBER', validFrom: '2024-01-01', validUntil: '2099-12-31' },
    });
    for (const party of parties) await api.ok(tokens[`${party}-admin`], SIGN, { input: { agreementId } });
    return agreementId;
  };
  const frCn = await agreement([FR, CN], ALL);
  const frAt = await agreement([FR, AT], ['TRAVEL_ROUTE', 'SUSPECT_IDENTITY']);

  const caseId = randomUUID();
  await api.ok(tokens[`${FR}-inv`], OPEN_CASE, {
    input: { caseId, kind: 'TRAFFICKING', title: 'Parlour network in Paris', summary: 'Women recruited in Harbin exploited in Paris.', markings: MARKINGS },
  });
  const fact = (mutation: string, type: string, input: Record<string, unknown>) =>
    api.ok(tokens[`${FR}-inv`], `mutation F($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input: { caseId, markings: MARKINGS, ...input } });
  await fact('recordPerson', 'RecordPersonInput', {
    role: 'SUSPECT',
    fullName: 'Zhang Wei',
    dateOfBirth: '1978-03-14',
    nationality: 'CN',
    phoneNumber: '+33612345678',
    address: 'Paris 13e',
  });
  await fact('recordPerson', 'RecordPersonInput', { role: 'VICTIM', fullName: 'Liu Yan', nationality: 'CN' });
  await fact('recordRoute', 'RecordRouteInput', { origin: { country: 'CN', city: 'Harbin' }, transit: [{ country: 'AE', city: 'Dubai' }], destination: { country: 'FR', city: 'Paris' }, method: 'AIR' });
  await fact('recordMoneyFlow', 'RecordMoneyFlowInput', { fromAccount: 'FR7630006000011234567890189', toAccount: '6222021001234567890', amount: 4800, currency: 'EUR', date: '2024-11-05', channel: 'remittance' });
  await fact('addNote', 'AddNoteInput', { text: 'Victims fear retaliation.' });
  await fact('addNote', 'AddNoteInput', { text: 'Source inside the network.', markings: { tlp: 'RED', handling: ['H0'] } });

  return { tokens, agreements: { frCn, frAt }, caseId };
}

/** The fields of a case a test looks at, redaction flags included. */
export const CASE_DETAIL = `
  id title ownedByViewer status
  owner { id }
  markings { tlp handling }
  shares { recipient { id } agreement { id } categories revoked }
  persons { role fullName { category value redacted } phoneNumber { category value redacted } address { category value redacted } }
  routes { origin { category value { country city } redacted } transit { value { country } redacted } method }
  moneyFlows { amount currency fromAccount { category value redacted } }
  notes { text markings { tlp } }
`;
