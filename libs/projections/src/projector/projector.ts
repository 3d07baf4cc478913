/**
 * The projector: follows the event store from the read model's checkpoint (catch-up, then live)
 * and applies events in batches, each batch and its checkpoint in one transaction. After a
 * failure it starts again from the committed checkpoint, so nothing is applied twice or skipped.
 */
import type { EventStore, RecordedEvent, Subscription } from '@ledger/event-store/event-store.port';
import type { SkippedEvent } from '../state/apply-event';
import { readCheckpoint } from '../storage/checkpoint';
import type { ReadModel } from '../storage/read-model';
import { EventBatcher } from './batching';
import { applyBatch } from './projection-batch';
import { PositionWaiters, type ProjectionProgress } from './progress';

/** The subset of a pino logger the projector writes to. */
export interface ProjectorLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
  debug(object: object, message?: string): void;
}

/** What one committed batch did; handed to metrics hooks. */
export interface BatchReport {
  events: number;
  fromPosition: number;
  toPosition: number;
  durationMs: number;
  /** recordedAt of the batch's last event: now minus this is the projector's lag in time. */
  lastRecordedAt: string;
  skipped: SkippedEvent[];
}

export interface ProjectorHooks {
  onBatch?(report: BatchReport): void;
  onError?(error: unknown): void;
  onSkipped?(skipped: SkippedEvent): void;
}

export interface ProjectorOptions {
  store: EventStore;
  readModel: ReadModel;
  /** Most events applied in one transaction (default 1000). */
  maxBatchSize?: number;
  /** Pause before following the store again after a failure (default 1000 ms). */
  retryDelayMs?: number;
  logger?: ProjectorLogger;
  hooks?: ProjectorHooks;
}

const SILENT: ProjectorLogger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

export class Projector implements ProjectionProgress {
  private readonly waiters = new PositionWaiters();
  private readonly maxBatchSize: number;
  private readonly retryDelayMs: number;
  private readonly logger: ProjectorLogger;
  private running = false;
  private loop: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private wakeRetry: (() => void) | undefined;
  private lastError: unknown;
  private lastRecordedAt: string | null = null;

  constructor(private readonly options: ProjectorOptions) {
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1) throw new Error('projector maxBatchSize must be a positive integer');
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.logger = options.logger ?? SILENT;
  }

  /** Reads the checkpoint and starts following the store in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    this.waiters.reset(await readCheckpoint(this.options.readModel.db, this.options.readModel.dialect));
    this.running = true;
    this.loop = this.follow();
    this.logger.info({ position: this.waiters.position(), readModel: this.options.readModel.location }, 'projector started');
  }

  /** Stops after the batch in progress commits; pending waiters resolve false. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeRetry?.();
    await this.subscription?.stop();
    await this.loop;
    this.loop = undefined;
    this.waiters.releaseAll();
    this.logger.info({ position: this.waiters.position() }, 'projector stopped');
  }

  isRunning(): boolean {
    return this.running;
  }

  position(): number {
    return this.waiters.position();
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(position, timeoutMs);
  }

  /** Waits until the views include every event committed when this was called. */
  async catchUp(timeoutMs: number): Promise<boolean> {
    return this.waitFor(await this.options.store.headPosition(), timeoutMs);
  }

  /** For health and metrics: where the views are and the last failure, if any. */
  status(): { running: boolean; position: number; lastRecordedAt: string | null; lastError: string | null } {
    return {
      running: this.running,
      position: this.waiters.position(),
      lastRecordedAt: this.lastRecordedAt,
      lastError: this.lastError === undefined ? null : this.lastError instanceof Error ? this.lastError.message : String(this.lastError),
    };
  }

  private async follow(): Promise<void> {
    while (this.running) {
      try {
        const checkpoint = await readCheckpoint(this.options.readModel.db, this.options.readModel.dialect);
        this.waiters.reset(Math.max(checkpoint, this.waiters.position()));
        this.subscription = this.options.store.subscribeToAll({ fromPosition: checkpoint + 1 });
        if (!this.running) await this.subscription.stop();
        const batcher = new EventBatcher(this.subscription[Symbol.asyncIterator](), this.maxBatchSize);
        for (let batch = await batcher.next(); batch !== null; batch = await batcher.next()) {
          await this.applyOne(batch);
          if (!this.running) break;
        }
        await this.subscription.stop();
        if (this.running) throw new Error('the event store subscription ended unexpectedly');
      } catch (error) {
        await this.subscription?.stop().catch(() => undefined);
        if (!this.running) break;
        this.lastError = error;
        this.options.hooks?.onError?.(error);
        this.logger.error({ err: error, position: this.waiters.position() }, 'projector batch failed; resuming from the checkpoint');
        await this.pause(this.retryDelayMs);
      }
    }
  }

  private async applyOne(batch: RecordedEvent[]): Promise<void> {
    const started = performance.now();
    const { readModel } = this.options;
    const outcome = await readModel.db.transaction().execute((trx) => applyBatch(trx, readModel.dialect, batch));
    const last = batch[batch.length - 1];
    this.lastError = undefined;
    this.lastRecordedAt = last.recordedAt;
    this.waiters.advance(outcome.position);
    const report: BatchReport = {
      events: outcome.applied,
      fromPosition: batch[0].globalPosition,
      toPosition: outcome.position,
      durationMs: performance.now() - started,
      lastRecordedAt: last.recordedAt,
      skipped: outcome.skipped,
    };
    for (const skipped of outcome.skipped) {
      this.logger.warn({ skipped }, 'event skipped by the projection');
      this.options.hooks?.onSkipped?.(skipped);
    }
    this.options.hooks?.onBatch?.(report);
    this.logger.debug({ events: report.events, toPosition: report.toPosition, ms: Math.round(report.durationMs) }, 'batch applied');
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeRetry = done;
    });
  }
}
