import { randomUUID } from 'node:crypto';
import type { ApiHarness } from '../../support/api-harness';
import { AT, buildSmallWorld, CASE_DETAIL, CN, FR, MARKINGS, OPEN_CASE, SHARE_CASE, type SmallWorld } from '../../api/small-world';

export { AT, CASE_DETAIL, CN, EU, FR } from '../../api/small-world';

/** The oversight body `bootstrap()` creates; its auditor has scope ALL. */
export const REGISTRY = 'ledger-registry';
export const OVERSIGHT_AUDITOR = 'registry-auditor';
export const auditorOf = (agencyId: string): string => `${agencyId}-auditor`;

export interface AuditWorld extends SmallWorld {
  /** A Chinese case never shared with anyone. */
  cnCaseId: string;
  /** The French case as China's liaison officer saw it (CASE_DETAIL) while it was shared with China. */
  caseSeenByChina: Record<string, unknown>;
  /** The global position and recordedAt of the ShareRevoked event that took the case away from China. */
  revoked: { position: number; recordedAt: string };
}

const REGISTER_OFFICER = 'mutation Officer($input: RegisterOfficerInput!) { registerOfficer(input: $input) { id } }';
const REVOKE_SHARE = 'mutation Revoke($input: RevokeShareInput!) { revokeShare(input: $input) { id } }';

/**
 * The small world of test/api, plus: an OWN auditor in France, China and Austria, an ALL auditor
 * in the oversight body; a Chinese case shared with nobody; and the French case shared with China,
 * read by China's liaison officer through `case(id)`, then revoked.
 */
export async function buildAuditWorld(api: ApiHarness): Promise<AuditWorld> {
  const world = await buildSmallWorld(api);
  const { tokens } = world;
  for (const agencyId of [FR, CN, AT]) {
    await api.ok(tokens[`${agencyId}-admin`], REGISTER_OFFICER, { input: { officerId: auditorOf(agencyId), name: `Auditor ${agencyId}`, roles: ['AUDITOR'] } });
    tokens[auditorOf(agencyId)] = await api.token(auditorOf(agencyId));
  }
  await api.ok(tokens.registrar, REGISTER_OFFICER, { input: { officerId: OVERSIGHT_AUDITOR, name: 'Oversight auditor', roles: ['AUDITOR'], auditScope: 'ALL' } });
  tokens[OVERSIGHT_AUDITOR] = await api.token(OVERSIGHT_AUDITOR);

  const cnCaseId = randomUUID();
  await api.ok(tokens[`${CN}-inv`], OPEN_CASE, { input: { caseId: cnCaseId, kind: 'SMUGGLING', title: 'Snakehead route via Belgrade', markings: MARKINGS } });

  await api.ok(tokens[`${FR}-inv`], SHARE_CASE, {
    input: { caseId: world.caseId, recipientAgencyIds: [CN], agreementId: world.agreements.frCn, categories: ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE', 'FINANCIAL'] },
  });
  const seen = await api.ok(tokens[`${CN}-lo`], `query LookAtCase($id: ID!) { case(id: $id) { ${CASE_DETAIL} } }`, { id: world.caseId });

  // The revocation must be recorded in a later millisecond than everything before it, so that a
  // time can tell the two moments apart.
  const [last] = await api.store.readAll({ direction: 'backwards', limit: 1 });
  while (Date.now() <= Date.parse(last.recordedAt)) await new Promise((resolve) => setTimeout(resolve, 1));
  await api.ok(tokens[`${FR}-inv`], REVOKE_SHARE, { input: { caseId: world.caseId, recipientAgencyId: CN, reason: 'shared too early' } });
  const revokedEvent = (await api.store.readStream(`case-${world.caseId}`)).find((event) => event.type === 'ShareRevoked');
  if (revokedEvent === undefined) throw new Error('the revocation is not in the case stream');
  await api.flushAccessLog();

  return { ...world, cnCaseId, caseSeenByChina: seen.case, revoked: { position: revokedEvent.globalPosition, recordedAt: revokedEvent.recordedAt } };
}

/** Every envelope field of an audit event, and its data. */
export const AUDIT_EVENT_FIELDS = `
  eventId type schemaVersion stream revision globalPosition occurredAt recordedAt
  actor { officerId agencyId } commandId correlationId causationId hash previousHash data chainProblem
`;
