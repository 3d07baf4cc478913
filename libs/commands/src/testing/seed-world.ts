import { DATA_CATEGORIES } from '@ledger/domain';
import { BootstrapLedgerCommand, RegisterAgencyCommand, RegisterOfficerCommand } from '../messages/agency.messages';
import { ProposeAgreementCommand, SignAgreementCommand } from '../messages/agreement.messages';
import type { ActorClaim } from '../messages/ledger-command';
import type { LedgerTestWorld } from './ledger-test-world';

export const NOW = new Date('2025-06-15T10:00:00.000Z');
export const FR = 'fr-ocreth';
export const CN = 'cn-mps-ocht';
export const AT = 'at-bk';

export const officers = {
  frAdmin: { officerId: 'fr-admin', agencyId: FR },
  frInvestigator: { officerId: 'fr-inv', agencyId: FR },
  frLiaison: { officerId: 'fr-lo', agencyId: FR },
  cnAdmin: { officerId: 'cn-admin', agencyId: CN },
  cnInvestigator: { officerId: 'cn-inv', agencyId: CN },
  cnLiaison: { officerId: 'cn-lo', agencyId: CN },
  atAdmin: { officerId: 'at-admin', agencyId: AT },
  atInvestigator: { officerId: 'at-inv', agencyId: AT },
} satisfies Record<string, ActorClaim>;

export const AGREEMENT_FR_CN = '3f0a2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
export const AGREEMENT_FR_AT = '4a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';

/**
 * Three agencies (FR bootstrapped, CN and AT onboarded by FR's admin), investigators and liaison
 * officers, and two agreements in force: FR–CN (every category, up to RED) and FR–AT
 * (TRAVEL_ROUTE only, up to AMBER). AT's mandate is TRAVEL_ROUTE only.
 */
export async function seedWorld(world: LedgerTestWorld): Promise<void> {
  const all = [...DATA_CATEGORIES];
  await world.send(
    BootstrapLedgerCommand,
    { agencyId: FR, name: 'OCRTEH', country: 'FR', kind: 'POLICE', mandates: all, admin: { officerId: 'fr-admin', name: 'Admin FR', roles: ['AGENCY_ADMIN'] } },
    null,
  );
  for (const [agencyId, country, mandates, adminId] of [
    [CN, 'CN', all, 'cn-admin'],
    [AT, 'AT', ['TRAVEL_ROUTE'], 'at-admin'],
  ] as const) {
    await world.send(
      RegisterAgencyCommand,
      { agencyId, name: `Agency ${agencyId}`, country, kind: 'POLICE', mandates: [...mandates], admin: { officerId: adminId, name: `Admin ${agencyId}`, roles: ['AGENCY_ADMIN'] } },
      officers.frAdmin,
    );
  }
  const register = (admin: ActorClaim, officerId: string, roles: Array<'INVESTIGATOR' | 'LIAISON_OFFICER'>) =>
    world.send(RegisterOfficerCommand, { agencyId: admin.agencyId, officerId, name: officerId, roles }, admin);
  await register(officers.frAdmin, 'fr-inv', ['INVESTIGATOR']);
  await register(officers.frAdmin, 'fr-lo', ['LIAISON_OFFICER']);
  await register(officers.cnAdmin, 'cn-inv', ['INVESTIGATOR']);
  await register(officers.cnAdmin, 'cn-lo', ['LIAISON_OFFICER']);
  await register(officers.atAdmin, 'at-inv', ['INVESTIGATOR']);

  await agreement(world, AGREEMENT_FR_CN, officers.frAdmin, officers.cnAdmin, { categories: all, maxTlp: 'RED' });
  await agreement(world, AGREEMENT_FR_AT, officers.frAdmin, officers.atAdmin, { categories: ['TRAVEL_ROUTE'], maxTlp: 'AMBER' });
}

async function agreement(
  world: LedgerTestWorld,
  agreementId: string,
  first: ActorClaim,
  second: ActorClaim,
  terms: { categories: Array<(typeof DATA_CATEGORIES)[number]>; maxTlp: 'RED' | 'AMBER' },
): Promise<void> {
  await world.send(
    ProposeAgreementCommand,
    {
      agreementId,
      title: `MoU ${first.agencyId}–${second.agencyId}`,
      parties: [first.agencyId, second.agencyId],
      scope: ['TRAFFICKING', 'SMUGGLING', 'IDENTIFICATION'],
      categories: terms.categories,
      maxTlp: terms.maxTlp,
      validFrom: '2025-01-01',
      validUntil: '2027-12-31',
    },
    first,
  );
  await world.send(SignAgreementCommand, { agreementId }, first);
  await world.send(SignAgreementCommand, { agreementId }, second);
}
