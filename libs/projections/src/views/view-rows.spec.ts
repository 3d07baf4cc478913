import type { AgencyRecord, AgreementRecord, CaseRecord, ClueRecord, FactRecord } from '../state/records';
import { caseFactView, caseHeaderView, caseViewers, clueViewRows, type ViewLookups, visibleAgencyIds } from './view-rows';

const at = '2025-06-01T10:00:00.000Z';
const by = { officerId: 'fr.inv', agencyId: 'fr' };

function agency(agencyId: string, mandates: AgencyRecord['mandates']): AgencyRecord {
  return { agencyId, name: agencyId, country: 'FR', kind: 'POLICE', mandates, registeredAt: at, officers: {} };
}

function agreement(agreementId: string, status: AgreementRecord['status'], extra: Partial<AgreementRecord> = {}): AgreementRecord {
  return {
    agreementId,
    title: agreementId,
    parties: ['fr', 'cn', 'at'],
    scope: ['TRAFFICKING'],
    categories: ['VICTIM_IDENTITY', 'FINANCIAL'],
    maxTlp: 'AMBER',
    validFrom: '2025-01-01',
    validUntil: '2025-12-31',
    proposedByAgencyId: 'fr',
    proposedAt: at,
    position: 1,
    status,
    statusReason: null,
    signatures: [],
    ...extra,
  };
}

const lookups = (agreements: AgreementRecord[], agencies: AgencyRecord[]): ViewLookups => ({
  agreement: (id) => agreements.find((a) => a.agreementId === id),
  agency: (id) => agencies.find((a) => a.agencyId === id),
});

const caseRecord: CaseRecord = {
  caseId: 'k1',
  ownerAgencyId: 'fr',
  kind: 'TRAFFICKING',
  title: 'T',
  summary: 'S',
  markings: { tlp: 'GREEN', handling: ['H0'] },
  status: 'OPEN',
  openedForClueId: 'q0',
  openedAt: at,
  openedBy: by,
  position: 10,
  shares: [
    { recipientAgencyId: 'cn', agreementId: 'active', categories: ['VICTIM_IDENTITY', 'FINANCIAL'], sharedAt: at, revoked: false, revokedAt: null, revokeReason: null },
    { recipientAgencyId: 'at', agreementId: 'suspended', categories: ['VICTIM_IDENTITY'], sharedAt: at, revoked: false, revokedAt: null, revokeReason: null },
    { recipientAgencyId: 'bg', agreementId: 'active', categories: ['VICTIM_IDENTITY'], sharedAt: at, revoked: true, revokedAt: at, revokeReason: 'done' },
  ],
  jointPartnerAgencyIds: [],
  closedAt: null,
  closeReason: null,
};

const world = lookups([agreement('active', 'ACTIVE'), agreement('suspended', 'SUSPENDED')], [agency('fr', []), agency('cn', ['VICTIM_IDENTITY']), agency('at', ['VICTIM_IDENTITY']), agency('bg', ['VICTIM_IDENTITY'])]);

function fact(tlp: 'GREEN' | 'RED'): FactRecord {
  return {
    caseId: 'k1',
    position: 11,
    factType: 'PERSON',
    factId: `p-${tlp}`,
    markings: { tlp, handling: ['H0'] },
    fields: { role: 'VICTIM', fullName: { category: 'VICTIM_IDENTITY', value: 'Li Na' }, phoneNumber: { category: 'COMMUNICATIONS', value: '+33' } },
    recordedAt: at,
    recordedBy: by,
  };
}

describe('case viewers', () => {
  it('are the owner and recipients with a current share under an ACTIVE agreement', () => {
    const viewers = caseViewers(caseRecord, world);
    expect(viewers.map((v) => [v.agencyId, v.role, v.validity])).toEqual([
      ['fr', 'OWNER', { validFrom: null, validUntil: null }],
      ['cn', 'RECIPIENT', { validFrom: '2025-01-01', validUntil: '2025-12-31' }],
    ]);
    expect(caseViewers(caseRecord, world, new Set(['cn'])).map((v) => v.agencyId)).toEqual(['cn']);
  });

  it('give a recipient share ∩ agreement ∩ mandates, only its own share and no owner-only fields', () => {
    const cn = caseViewers(caseRecord, world)[1];
    const header = caseHeaderView(caseRecord, cn);
    expect(header.visibleCategories).toEqual(['VICTIM_IDENTITY']);
    expect(header.shares.map((s) => s.recipientAgencyId)).toEqual(['cn']);
    expect(header.openedForClueId).toBeNull();
    const owner = caseHeaderView(caseRecord, caseViewers(caseRecord, world)[0]);
    expect(owner.shares).toHaveLength(3);
    expect(owner.openedForClueId).toBe('q0');
  });

  it('show a recipient facts up to maxTlp, redacted; the owner everything', () => {
    const [owner, cn] = caseViewers(caseRecord, world);
    expect(caseFactView(fact('RED'), cn)).toBeNull();
    const seen = caseFactView(fact('GREEN'), cn);
    expect(seen?.fields).toEqual({ role: 'VICTIM', fullName: { category: 'VICTIM_IDENTITY', value: 'Li Na', redacted: false }, phoneNumber: { category: 'COMMUNICATIONS', redacted: true } });
    expect(seen?.recordedByOfficerId).toBeNull();
    expect(caseFactView(fact('RED'), owner)?.fields.phoneNumber).toEqual({ category: 'COMMUNICATIONS', value: '+33', redacted: false });
  });
});

describe('clue rows', () => {
  const clue: ClueRecord = {
    clueId: 'q1',
    senderAgencyId: 'fr',
    kind: 'IDENTIFICATION_REQUEST',
    subject: 's',
    body: 'b',
    markings: { tlp: 'AMBER', handling: ['H0'] },
    senderCaseId: 'k1',
    claimedIdentity: { personRole: 'SUSPECT', fullName: { category: 'SUSPECT_IDENTITY', value: 'Zhang' } },
    submittedAt: at,
    submittedBy: by,
    position: 20,
    recipients: [
      {
        recipientAgencyId: 'cn',
        agreementId: 'active',
        status: 'ACCEPTED',
        linkedCaseId: 'cn-case',
        steps: [
          { status: 'SUBMITTED', at, actedBy: by, detail: {} },
          { status: 'ACKNOWLEDGED', at: '2025-06-03T10:00:00.000Z', actedBy: { officerId: 'cn.l', agencyId: 'cn' }, detail: {} },
          { status: 'ACCEPTED', at: '2025-06-05T10:00:00.000Z', actedBy: { officerId: 'cn.l', agencyId: 'cn' }, detail: { linkedCaseId: 'cn-case' } },
        ],
      },
      { recipientAgencyId: 'at', agreementId: 'suspended', status: 'SUBMITTED', linkedCaseId: null, steps: [{ status: 'SUBMITTED', at, actedBy: by, detail: {} }] },
    ],
  };

  it('give the sender every recipient and the recipient only itself, with officers of its own steps only', () => {
    const rows = clueViewRows(clue, world);
    expect(rows.map((r) => [r.agencyId, r.box, r.status])).toEqual([
      ['fr', 'OUTBOX', null],
      ['cn', 'INBOX', 'ACCEPTED'],
    ]);
    const [sender, cn] = rows;
    expect(sender.view.recipients.map((r) => r.recipientAgencyId)).toEqual(['cn', 'at']);
    expect(sender.view.recipients[0].linkedCaseId).toBeNull();
    expect(sender.view.recipients[0].steps.map((s) => s.officerId)).toEqual(['fr.inv', null, null]);
    expect(sender.view.recipients[0].steps[2].detail).toEqual({});
    expect(cn.view.recipients.map((r) => r.recipientAgencyId)).toEqual(['cn']);
    expect(cn.view.recipients[0].steps.map((s) => s.officerId)).toEqual([null, 'cn.l', 'cn.l']);
    expect(cn.view.recipients[0].steps[2].detail).toEqual({ linkedCaseId: 'cn-case' });
    expect(cn.view.senderCaseId).toBeNull();
    expect(cn.view.claimedIdentity?.fullName).toEqual({ category: 'SUSPECT_IDENTITY', redacted: true });
    expect(cn.links).toEqual([{ partnerAgencyId: 'fr', status: 'ACCEPTED', submittedAt: at, acknowledgedAt: '2025-06-03T10:00:00.000Z', outcome: 'ACCEPTED', outcomeAt: '2025-06-05T10:00:00.000Z' }]);
    expect(sender.links.map((l) => l.partnerAgencyId)).toEqual(['cn', 'at']);
  });
});

describe('visible agencies', () => {
  it('are the viewer and every co-party', () => {
    expect(visibleAgencyIds('fr', [{ parties: ['fr', 'cn'] }, { parties: ['fr', 'at', 'cn'] }]).sort()).toEqual(['at', 'cn', 'fr']);
    expect(visibleAgencyIds('bg', [])).toEqual(['bg']);
  });
});
