import { generateKeyPairSync } from 'node:crypto';
import type { AppendContext, EventStore, NewEvent, RecordedEvent } from '@ledger/event-store';
import { CheckpointService, publicKeyFingerprint, type LedgerSigningKey } from '@ledger/audit';

/** A fresh Ed25519 ledger key, as `loadOrCreateSigningKey` would make one. */
export function newSigningKey(): LedgerSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, fingerprint: publicKeyFingerprint(publicKey) };
}

export const FR = 'fr-ocreth';
export const CN = 'cn-mps-ocht';
export const AT = 'at-bk';
export const AGREEMENT = 'agreement-fr-cn-2024';
export const FR_CASE = 'case-fr-001';
export const AT_CASE = 'case-at-007';
export const CLUE = 'clue-fr-cn-01';

const markings = { tlp: 'AMBER', handling: ['H1'] };
const system = { officerId: 'system', agencyId: 'system' };
const officer = (agencyId: string) => ({ officerId: `${agencyId}.officer`, agencyId });

type Step = { stream: string; actor: { officerId: string; agencyId: string }; events: Array<Pick<NewEvent, 'type' | 'data'>> };

/** A small, realistic history: three agencies, an agreement, two cases (one shared), one clue. */
export const HISTORY: Step[] = [
  { stream: `agency-${FR}`, actor: system, events: [{ type: 'AgencyRegistered', data: { agencyId: FR, name: 'OCRTEH', country: 'FR', kind: 'POLICE', mandates: ['VICTIM_IDENTITY', 'SUSPECT_IDENTITY'] } }] },
  { stream: `agency-${FR}`, actor: system, events: [{ type: 'OfficerRegistered', data: { agencyId: FR, officerId: `${FR}.officer`, name: 'Claire Martin', roles: ['INVESTIGATOR'], auditScope: 'OWN' } }] },
  { stream: `agency-${CN}`, actor: system, events: [{ type: 'AgencyRegistered', data: { agencyId: CN, name: 'MPS OCHT', country: 'CN', kind: 'POLICE', mandates: ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE'] } }] },
  { stream: `agency-${CN}`, actor: system, events: [{ type: 'OfficerRegistered', data: { agencyId: CN, officerId: `${CN}.officer`, name: 'Li Wei', roles: ['LIAISON_OFFICER'], auditScope: 'OWN' } }] },
  { stream: `agency-${AT}`, actor: system, events: [{ type: 'AgencyRegistered', data: { agencyId: AT, name: 'Bundeskriminalamt', country: 'AT', kind: 'POLICE', mandates: ['FINANCIAL'] } }] },
  {
    stream: AGREEMENT,
    actor: officer(FR),
    events: [{ type: 'AgreementProposed', data: { agreementId: 'fr-cn-2024', title: 'FR–CN trafficking MoU', parties: [FR, CN], scope: ['TRAFFICKING'], categories: ['SUSPECT_IDENTITY', 'TRAVEL_ROUTE'], maxTlp: 'AMBER', validFrom: '2024-01-01', validUntil: '2026-12-31', proposedByAgencyId: FR } }],
  },
  { stream: AGREEMENT, actor: officer(FR), events: [{ type: 'AgreementSigned', data: { agreementId: 'fr-cn-2024', agencyId: FR } }] },
  {
    stream: AGREEMENT,
    actor: officer(CN),
    events: [
      { type: 'AgreementSigned', data: { agreementId: 'fr-cn-2024', agencyId: CN } },
      { type: 'AgreementActivated', data: { agreementId: 'fr-cn-2024' } },
    ],
  },
  { stream: FR_CASE, actor: officer(FR), events: [{ type: 'CaseOpened', data: { caseId: 'fr-001', ownerAgencyId: FR, kind: 'TRAFFICKING', title: 'Recruitment through a Lyon parlour', summary: 'Victims recruited in Fujian', markings } }] },
  {
    stream: FR_CASE,
    actor: officer(FR),
    events: [{ type: 'PersonRecorded', data: { caseId: 'fr-001', personId: 'p1', role: 'SUSPECT', fullName: { category: 'SUSPECT_IDENTITY', value: 'Chen Hao' }, markings } }],
  },
  { stream: FR_CASE, actor: officer(FR), events: [{ type: 'CaseShared', data: { caseId: 'fr-001', recipientAgencyId: CN, agreementId: 'fr-cn-2024', categories: ['SUSPECT_IDENTITY'] } }] },
  { stream: AT_CASE, actor: officer(AT), events: [{ type: 'CaseOpened', data: { caseId: 'at-007', ownerAgencyId: AT, kind: 'SMUGGLING', title: 'Balkan route lorries', summary: 'Lorries through Nickelsdorf', markings } }] },
  { stream: AT_CASE, actor: officer(AT), events: [{ type: 'NoteAdded', data: { caseId: 'at-007', noteId: 'n1', text: 'Driver identified', markings } }] },
  {
    stream: CLUE,
    actor: officer(FR),
    events: [{ type: 'ClueSubmitted', data: { clueId: 'fr-cn-01', senderAgencyId: FR, recipientAgencyIds: [CN], agreementIds: { [CN]: 'fr-cn-2024' }, kind: 'LEAD', subject: 'Money transfers to Fuzhou', body: 'Transfers every Friday', markings } }],
  },
  { stream: CLUE, actor: officer(CN), events: [{ type: 'ClueAcknowledged', data: { clueId: 'fr-cn-01', recipientAgencyId: CN } }] },
  { stream: FR_CASE, actor: officer(FR), events: [{ type: 'NoteAdded', data: { caseId: 'fr-001', noteId: 'n1', text: 'Second victim heard in Lyon', markings } }] },
  { stream: CLUE, actor: officer(CN), events: [{ type: 'ClueAccepted', data: { clueId: 'fr-cn-01', recipientAgencyId: CN, linkedCaseId: 'cn-100' } }] },
];

let commandCounter = 0;

export async function appendStep(store: EventStore, step: Step): Promise<void> {
  commandCounter += 1;
  const context: AppendContext = { actor: step.actor, commandId: `cmd-${commandCounter}`, correlationId: `corr-${commandCounter}` };
  await store.append(step.stream, step.events, 'any', context);
}

/**
 * Writes HISTORY, letting the checkpoint service sign every `interval` events as it goes, then
 * signs a final checkpoint so that the whole log is covered.
 */
export async function buildAuditLedger(store: EventStore, key: LedgerSigningKey, interval = 5): Promise<CheckpointService> {
  const signer = new CheckpointService(store, key, { interval });
  for (const step of HISTORY) {
    await appendStep(store, step);
    await signer.maybeCheckpoint();
  }
  await signer.checkpointNow();
  return signer;
}

export async function eventAt(store: EventStore, stream: string, revision: number): Promise<RecordedEvent> {
  const [event] = await store.readStream(stream, { from: revision, limit: 1 });
  if (!event || event.revision !== revision) throw new Error(`no ${stream} revision ${revision}`);
  return event;
}

/** A new event for `stream` with a valid chain — what a careful forger without the signing key can build. */
export function forgeNextEvent(previous: RecordedEvent, type: string, data: unknown) {
  return {
    eventId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    type,
    schemaVersion: 1,
    stream: previous.stream,
    revision: previous.revision + 1,
    occurredAt: previous.recordedAt,
    recordedAt: previous.recordedAt,
    actor: previous.actor,
    commandId: 'forged-command',
    correlationId: 'forged-command',
    causationId: 'forged-command',
    previousHash: previous.hash,
    data,
  };
}
