import { randomUUID } from 'node:crypto';
import type { AccessedEntity, EntitiesAccessed } from '@ledger/domain/access/access.events';
import { accessStreamName } from '@ledger/domain/access/access.events';
import type { EventStore, NewEvent } from '@ledger/event-store/event-store.port';

/** Who was shown something, and through which operation. */
export interface AccessOperation {
  agencyId: string;
  officerId: string;
  operationType: string;
  operationName: string | null;
}

export interface AccessLogLogger {
  error(object: object, message: string): void;
}

export interface AccessLogOptions {
  /** How often buffered records are appended to the ledger. */
  flushIntervalMs?: number;
  /** Above this many buffered operations, a warning is logged on every flush that cannot keep up. */
  warnAboveOperations?: number;
}

/** One operation's accumulated record, until the next flush. */
interface PendingOperation {
  operation: AccessOperation;
  accessedAt: string;
  rootFields: Set<string>;
  entities: Map<string, AccessedEntity>;
}

/** A group of events for one stream and actor, with a command id fixed at first try so a retry is idempotent. */
interface Batch {
  agencyId: string;
  officerId: string;
  commandId: string;
  events: NewEvent<EntitiesAccessed['data']>[];
}

/**
 * The access log: every case or clue an API answer contains is recorded as an `EntitiesAccessed`
 * event on stream `access-<agencyId>`. Records are buffered in memory and appended about once a
 * second (one append per agency and officer), and once more on shutdown. A crash loses at most the
 * records buffered since the last successful flush; a failed append is retried with the same
 * command id, so a retry after a lost acknowledgement does not write the batch twice.
 */
export class AccessLogBuffer {
  private pending = new Map<object, PendingOperation>();
  private retries: Batch[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly flushIntervalMs: number;
  private readonly warnAboveOperations: number;

  constructor(
    private readonly store: EventStore,
    private readonly logger: AccessLogLogger,
    options: AccessLogOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.warnAboveOperations = options.warnAboveOperations ?? 50_000;
  }

  /**
   * Records that `entity` was returned by the operation identified by `requestKey` (any object
   * unique to one request, e.g. its GraphQL context); repeated entities are recorded once.
   */
  record(requestKey: object, operation: AccessOperation, rootField: string, entity: AccessedEntity): void {
    let pending = this.pending.get(requestKey);
    if (!pending) {
      pending = { operation, accessedAt: new Date().toISOString(), rootFields: new Set(), entities: new Map() };
      this.pending.set(requestKey, pending);
    }
    pending.rootFields.add(rootField);
    pending.entities.set(`${entity.type}:${entity.id}`, { type: entity.type, id: entity.id });
  }

  /** Operations recorded but not yet written. */
  get bufferedOperations(): number {
    return this.pending.size + this.retries.reduce((sum, batch) => sum + batch.events.length, 0);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.flushIntervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes whatever is buffered. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Writes every buffered record; concurrent calls share one flush, then run once more. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0 && this.retries.length === 0) return;
    this.flushing = this.writeBuffered().finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  private async writeBuffered(): Promise<void> {
    const batches = [...this.retries, ...toBatches(this.pending)];
    this.retries = [];
    this.pending = new Map();
    const failed: Batch[] = [];
    for (const batch of batches) {
      try {
        await this.store.append(accessStreamName(batch.agencyId), batch.events, 'any', {
          actor: { officerId: batch.officerId, agencyId: batch.agencyId },
          commandId: batch.commandId,
          correlationId: batch.commandId,
        });
      } catch (error) {
        failed.push(batch);
        this.logger.error({ err: error, agencyId: batch.agencyId, operations: batch.events.length }, 'access log append failed; will retry');
      }
    }
    this.retries = failed;
    if (this.bufferedOperations > this.warnAboveOperations) {
      this.logger.error({ bufferedOperations: this.bufferedOperations }, 'access log is falling behind');
    }
  }
}

/** Keeps each append to a size every adapter commits quickly. */
const MAX_EVENTS_PER_APPEND = 500;

function toBatches(pending: Map<object, PendingOperation>): Batch[] {
  const batches: Batch[] = [];
  const open = new Map<string, Batch>();
  for (const record of pending.values()) {
    if (record.entities.size === 0) continue;
    const { agencyId, officerId } = record.operation;
    const key = `${agencyId}\u0000${officerId}`;
    let batch = open.get(key);
    if (!batch || batch.events.length >= MAX_EVENTS_PER_APPEND) {
      batch = { agencyId, officerId, commandId: randomUUID(), events: [] };
      open.set(key, batch);
      batches.push(batch);
    }
    batch.events.push({
      type: 'EntitiesAccessed',
      occurredAt: record.accessedAt,
      data: {
        agencyId,
        officerId,
        operationType: record.operation.operationType,
        operationName: record.operation.operationName,
        rootFields: [...record.rootFields],
        accessedAt: record.accessedAt,
        entities: [...record.entities.values()],
      },
    });
  }
  return batches;
}
