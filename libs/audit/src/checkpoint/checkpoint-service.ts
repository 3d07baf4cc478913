import pino, { type Logger } from 'pino';
import { WrongExpectedRevisionError } from '@ledger/event-store/errors';
import type { AppendContext, EventStore, RecordedEvent, Subscription } from '@ledger/event-store/event-store.port';
import { leafOfEvent } from '../support/event-leaf';
import { MerkleFrontier } from '../merkle/merkle-frontier';
import type { LedgerSigningKey } from '../signing/ledger-signing-key';
import { DEFAULT_PAGE_SIZE, readLogPages } from '../support/read-log';
import { StreamChains, type ChainFinding } from '../verify/stream-chains';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM, checkCheckpointSignature, isCheckpointEvent, recordedCheckpointOf, signCheckpoint, signedFields, trustedKeys, type RecordedCheckpoint } from './checkpoint';

/** The signer refuses to sign over a log whose hash chains are broken: a checkpoint must never bless tampering. */
export class LedgerIntegrityError extends Error {
  readonly code = 'LEDGER_INTEGRITY';
  constructor(readonly finding: ChainFinding) {
    super(`refusing to sign a checkpoint: ${finding.kind} at ${finding.stream} revision ${finding.revision} (position ${finding.position}): ${finding.message}`);
    this.name = 'LedgerIntegrityError';
  }
}

export interface CheckpointServiceOptions {
  /** Sign a checkpoint once this many events (checkpoint events included) follow the latest one; at least 2. */
  interval: number;
  logger?: Logger;
  pageSize?: number;
  now?: () => Date;
}

/** Checkpoint events are written by the ledger itself, not by an agency's officer. */
const LEDGER_ACTOR = { officerId: 'system', agencyId: 'system' };

/**
 * Signs checkpoints over the global log. Keeps only the compact Merkle frontier (O(log n)
 * hashes) and each stream's last link, folding events in global order as they are read, so a
 * checkpoint every N events costs N leaf hashes, not a pass over the log.
 *
 * Drive it with `start()` (its own catch-up subscription), or call `maybeCheckpoint(head)` from
 * anything that observes appends, or `checkpointNow()` on demand. All work is serialised.
 */
export class CheckpointService {
  private readonly frontier = new MerkleFrontier();
  private readonly chains = new StreamChains();
  private lastPosition = 0;
  private latestCheckpoint: RecordedCheckpoint | undefined;
  /** Revision of the checkpoint stream's last event read, whoever signed it: the next append's expected revision. */
  private checkpointStreamRevision: number | undefined;
  private broken: ChainFinding | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private subscription: Subscription | undefined;
  private running: Promise<void> | undefined;
  private readonly logger: Logger;

  constructor(
    private readonly store: EventStore,
    private readonly key: LedgerSigningKey,
    private readonly options: CheckpointServiceOptions,
  ) {
    if (!Number.isInteger(options.interval) || options.interval < 2) throw new RangeError(`checkpoint interval must be an integer ≥ 2 (got ${options.interval})`);
    this.logger = options.logger ?? pino({ level: 'silent' });
  }

  /** The latest checkpoint signed with this service's key that it has seen or made. */
  get latest(): RecordedCheckpoint | undefined {
    return this.latestCheckpoint;
  }

  /** Events folded so far (the size of the tree the next checkpoint would sign). */
  get treeSize(): number {
    return this.frontier.size;
  }

  /** Reads the log up to its head; `onProgress(position, head)` after each page. */
  catchUp(onProgress?: (done: number, total: number) => void): Promise<void> {
    return this.exclusive(() => this.readToHead(onProgress));
  }

  /** Catches up with the log, then signs and appends a checkpoint over everything read. */
  checkpointNow(): Promise<RecordedCheckpoint> {
    return this.exclusive(async () => {
      await this.readToHead();
      return (await this.signAndAppend({ onlyIfDue: false }))!;
    });
  }

  /**
   * Signs a checkpoint if at least `interval` events follow the latest one. `headPosition`, when
   * given, lets a caller that already knows the head skip reading when nothing new was committed.
   */
  maybeCheckpoint(headPosition?: number): Promise<RecordedCheckpoint | null> {
    return this.exclusive(async () => {
      if (headPosition === undefined || headPosition > this.lastPosition) await this.readToHead();
      return this.signAndAppend({ onlyIfDue: true });
    });
  }

  /** Follows the log with a catch-up subscription and signs every `interval` events until `stop()`. */
  start(): void {
    if (this.running) return;
    const subscription = this.store.subscribeToAll({ fromPosition: this.lastPosition + 1 });
    this.subscription = subscription;
    this.running = (async () => {
      for await (const event of subscription) {
        await this.exclusive(async () => {
          this.fold(event);
          await this.signAndAppend({ onlyIfDue: true });
        });
      }
    })().catch((error: unknown) => {
      this.logger.error({ err: error }, 'checkpoint signing stopped');
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    await this.running;
    this.subscription = undefined;
    this.running = undefined;
  }

  private isDue(): boolean {
    return this.frontier.size - (this.latestCheckpoint?.treeSize ?? 0) >= this.options.interval;
  }

  private async readToHead(onProgress?: (done: number, total: number) => void): Promise<void> {
    const head = await this.store.headPosition();
    for await (const page of readLogPages(this.store, { fromPosition: this.lastPosition + 1, toPosition: head }, this.options.pageSize ?? DEFAULT_PAGE_SIZE)) {
      for (const event of page) this.fold(event);
      onProgress?.(this.lastPosition, head);
    }
  }

  /** Adds one event, in global order, to the frontier and the chains; events already folded are skipped. */
  private fold(event: RecordedEvent): void {
    if (event.globalPosition <= this.lastPosition) return;
    const finding = this.chains.check(event);
    if (finding && !this.broken) {
      this.broken = finding;
      this.logger.error({ finding }, 'hash chain broken: no checkpoint will be signed');
    }
    this.frontier.append(leafOfEvent(event));
    this.lastPosition = event.globalPosition;
    if (event.stream === CHECKPOINT_STREAM) this.checkpointStreamRevision = event.revision;
    if (isCheckpointEvent(event)) this.noteCheckpoint(event);
  }

  private noteCheckpoint(event: RecordedEvent): void {
    try {
      const checkpoint = recordedCheckpointOf(event);
      if (checkCheckpointSignature(checkpoint, trustedKeys(this.key.publicKey)) === null) this.latestCheckpoint = checkpoint;
      else this.logger.warn({ position: event.globalPosition }, 'checkpoint not signed by this ledger key; ignored');
    } catch (error) {
      this.logger.warn({ position: event.globalPosition, err: error }, 'malformed checkpoint event; ignored');
    }
  }

  private async signAndAppend(when: { onlyIfDue: boolean }, attempt = 1): Promise<RecordedCheckpoint | null> {
    if (when.onlyIfDue && !this.isDue()) return null;
    if (this.broken) throw new LedgerIntegrityError(this.broken);
    const now = (this.options.now ?? (() => new Date()))();
    const checkpoint = signCheckpoint(this.key, {
      treeSize: this.frontier.size,
      position: this.lastPosition,
      rootHash: this.frontier.root().toString('hex'),
      signedAt: now.toISOString(),
    });
    // Same tree, same command id: two signers racing over the same prefix record it once.
    const commandId = `checkpoint:${checkpoint.treeSize}:${checkpoint.rootHash}`;
    const context: AppendContext = { actor: LEDGER_ACTOR, commandId, correlationId: commandId };
    const expected = this.checkpointStreamRevision ?? 'no_stream';
    try {
      const result = await this.store.append(CHECKPOINT_STREAM, [{ type: CHECKPOINT_EVENT_TYPE, data: signedFields(checkpoint) }], expected, context);
      const [written] = result.positions;
      const recorded = result.idempotentReplay
        ? recordedCheckpointOf((await this.store.readStream(CHECKPOINT_STREAM, { from: written.revision, limit: 1 }))[0])
        : { ...checkpoint, eventPosition: written.globalPosition, eventRevision: written.revision };
      this.latestCheckpoint = recorded;
      this.checkpointStreamRevision = Math.max(this.checkpointStreamRevision ?? -1, written.revision);
      this.logger.info({ treeSize: recorded.treeSize, position: recorded.position, rootHash: recorded.rootHash }, 'checkpoint signed');
      return recorded;
    } catch (error) {
      // Another signer appended a checkpoint first: read it (and whatever else is new) and sign again.
      if (error instanceof WrongExpectedRevisionError && attempt < 5) {
        await this.readToHead();
        return this.signAndAppend(when, attempt + 1);
      }
      throw error;
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
