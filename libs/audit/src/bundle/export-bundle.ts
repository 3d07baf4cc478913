import type { KeyObject } from 'node:crypto';
import { once } from 'node:events';
import type { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { assertValidStreamName } from '@ledger/event-store/stream-name';
import { checkCheckpointSignature, isCheckpointEvent, recordedCheckpointOf, trustedKeys, type RecordedCheckpoint } from '../checkpoint/checkpoint';
import { hexToHash } from '../merkle/merkle-hash';
import { leafOfEvent } from '../support/event-leaf';
import { MerkleTree } from '../merkle/merkle-tree';
import { publicKeyFingerprint, publicKeyPem, signMessage } from '../signing/ledger-signing-key';
import { PositionIndex } from '../support/position-index';
import { DEFAULT_PAGE_SIZE, readLogPages } from '../support/read-log';
import type { ProgressCallback } from '../verify/verify-ledger';
import { AgencyMembership } from './agency-membership';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, bundleTrailerStatement, lineDigest, type BundleLine, type BundleSelection, type BundleStreamRange, type BundleTrailer } from './bundle-format';

/** Raised when no bundle can be made: bad selection, no checkpoint, or a log that no longer matches its checkpoint. */
export class BundleExportError extends Error {
  readonly code = 'BUNDLE_EXPORT';
  constructor(message: string) {
    super(message);
    this.name = 'BundleExportError';
  }
}

export interface ExportBundleOptions {
  /**
   * The ledger's key. The public half goes into the header and picks the checkpoint (signed by
   * it); with the private half the trailer is signed too, sealing every line of the bundle.
   */
  key: { publicKey: KeyObject; privateKey?: KeyObject };
  /** Where the JSON Lines go (a file stream, stdout). Not ended by the exporter. */
  output: NodeJS.WritableStream;
  onProgress?: ProgressCallback;
  pageSize?: number;
}

export interface BundleSummary {
  eventCount: number;
  streamCount: number;
  checkpointCount: number;
  checkpoint: RecordedCheckpoint;
  /** Selected events after the checkpoint, left out (make a checkpoint first to include them). */
  eventsAfterCheckpoint: number;
  lineCount: number;
  /** True when the trailer carries the signed digests of every line (the exporter held the private key). */
  sealed: boolean;
}

/**
 * Writes an audit bundle of the selected streams (an agency's, or one stream), anchored on the
 * latest checkpoint signed with `publicKey`: every event with its inclusion proof against that
 * checkpoint, and every earlier checkpoint with its consistency proof.
 */
export async function exportBundle(store: EventStore, selection: BundleSelection, options: ExportBundleOptions): Promise<BundleSummary> {
  validateSelection(selection);
  const publicKey = options.key.publicKey;
  const keys = trustedKeys(publicKey);
  const tree = new MerkleTree();
  const positions = new PositionIndex();
  const membership = selection.agencyId !== undefined ? new AgencyMembership(selection.agencyId) : undefined;
  const checkpoints: RecordedCheckpoint[] = [];

  // Pass 1: the whole log in global order, for the Merkle tree, the checkpoints and membership.
  const head = await store.headPosition();
  options.onProgress?.(0, head);
  for await (const page of readLogPages(store, { toPosition: head }, options.pageSize ?? DEFAULT_PAGE_SIZE)) {
    for (const event of page) {
      tree.append(leafOfEvent(event));
      positions.push(event.globalPosition);
      membership?.observe(event);
      if (isCheckpointEvent(event)) {
        const checkpoint = tryCheckpoint(event);
        if (checkpoint && checkCheckpointSignature(checkpoint, keys) === null) checkpoints.push(checkpoint);
      }
    }
    options.onProgress?.(page[page.length - 1].globalPosition, head);
  }

  const anchor = checkpoints[checkpoints.length - 1];
  if (!anchor) throw new BundleExportError('the ledger has no checkpoint signed with this key yet; make one first (ledger audit checkpoint)');
  if (positions.countAtOrBelow(anchor.position) !== anchor.treeSize || !tree.root(anchor.treeSize).equals(hexToHash(anchor.rootHash, 'rootHash'))) {
    throw new BundleExportError(`the ledger no longer matches its latest checkpoint (size ${anchor.treeSize}, position ${anchor.position}); run ledger audit verify`);
  }

  // Pass 2: the selected streams, whole, then cut to the range and to the checkpoint.
  const streams = membership ? membership.members() : [selection.stream!];
  const selected: RecordedEvent[] = [];
  let eventsAfterCheckpoint = 0;
  for (const stream of streams) {
    for (const event of await store.readStream(stream)) {
      if (event.globalPosition < (selection.fromPosition ?? 1) || event.globalPosition > (selection.toPosition ?? Infinity)) continue;
      if (event.globalPosition > anchor.position) eventsAfterCheckpoint += 1;
      else selected.push(event);
    }
  }
  selected.sort((a, b) => a.globalPosition - b.globalPosition);

  const writer = new LineWriter(options.output);
  await writer.write({
    record: 'header',
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    selection: compactSelection(selection),
    publicKeyPem: publicKeyPem(publicKey),
    publicKeyFingerprint: publicKeyFingerprint(publicKey),
    checkpoint: anchor,
  });
  const ranges: Record<string, BundleStreamRange> = {};
  for (const event of selected) {
    const leafIndex = positions.indexOf(event.globalPosition);
    if (leafIndex < 0) throw new BundleExportError(`${event.stream} revision ${event.revision} (position ${event.globalPosition}) was not in the global log when it was read; export again`);
    await writer.write({ record: 'event', leafIndex, inclusionProof: tree.inclusionProof(leafIndex, anchor.treeSize).map(hex), event });
    const range = ranges[event.stream];
    ranges[event.stream] = range ? { ...range, toRevision: event.revision, count: range.count + 1 } : { fromRevision: event.revision, toRevision: event.revision, count: 1 };
  }
  const earlier = checkpoints.slice(0, -1);
  for (const checkpoint of earlier) {
    await writer.write({ record: 'checkpoint', checkpoint, consistencyProof: tree.consistencyProof(checkpoint.treeSize, anchor.treeSize).map(hex) });
  }
  const trailer: BundleTrailer = { record: 'trailer', eventCount: selected.length, checkpointCount: earlier.length, streams: ranges, eventsAfterCheckpoint };
  if (options.key.privateKey) {
    trailer.lineDigests = writer.digests;
    trailer.signature = signMessage(options.key.privateKey, bundleTrailerStatement(trailer));
  }
  await writer.write(trailer);
  options.onProgress?.(head, head);
  return {
    eventCount: selected.length,
    streamCount: Object.keys(ranges).length,
    checkpointCount: earlier.length,
    checkpoint: anchor,
    eventsAfterCheckpoint,
    lineCount: writer.lines,
    sealed: trailer.signature !== undefined,
  };
}

function validateSelection(selection: BundleSelection): void {
  const hasAgency = selection.agencyId !== undefined;
  const hasStream = selection.stream !== undefined;
  if (hasAgency === hasStream) throw new BundleExportError('selection must name exactly one of agencyId or stream');
  if (hasAgency && (typeof selection.agencyId !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(selection.agencyId))) {
    throw new BundleExportError('selection.agencyId must be an agency id (letters, digits, ".", "_", ":" or "-")');
  }
  if (hasStream) assertValidStreamName(selection.stream);
  for (const field of ['fromPosition', 'toPosition'] as const) {
    const value = selection[field];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1)) throw new BundleExportError(`selection.${field} must be a positive integer`);
  }
  if (selection.fromPosition !== undefined && selection.toPosition !== undefined && selection.fromPosition > selection.toPosition) {
    throw new BundleExportError('selection.fromPosition must not be after selection.toPosition');
  }
}

function compactSelection(selection: BundleSelection): BundleSelection {
  return JSON.parse(JSON.stringify(selection)) as BundleSelection;
}

function tryCheckpoint(event: RecordedEvent): RecordedCheckpoint | null {
  try {
    return recordedCheckpointOf(event);
  } catch {
    return null;
  }
}

const hex = (hash: Buffer): string => hash.toString('hex');

/** Writes one JSON value per line, keeping each line's digest, and waits when the stream asks for it. */
class LineWriter {
  lines = 0;
  readonly digests: string[] = [];
  constructor(private readonly output: NodeJS.WritableStream) {}
  async write(line: BundleLine): Promise<void> {
    const text = JSON.stringify(line);
    this.lines += 1;
    this.digests.push(lineDigest(text));
    if (!this.output.write(`${text}\n`)) await once(this.output as NodeJS.EventEmitter, 'drain');
  }
}
