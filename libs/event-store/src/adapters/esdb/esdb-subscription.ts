import { START, type AllStreamResolvedEvent, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { Logger } from 'pino';
import type { RecordedEvent, Subscription } from '../../event-store.port';
import type { EventFilter } from '../../read-options';
import { fromEsdbRecord } from './envelope-codec';
import { isTransient, toPortError } from './esdb-errors';
import { esdbPosition, type ReadAnchor } from './global-position';
import { isWantedLedgerEvent, subscriptionFilterFor } from './ledger-filter';
import type { StreamNamespace } from './stream-namespace';

export interface EsdbSubscriptionOptions {
  client: EventStoreDBClient;
  anchor: ReadAnchor;
  filter: EventFilter | undefined;
  namespace: StreamNamespace;
  /** Reads the ledger event stored exactly at a commit position, if it passes the filter. */
  eventAt: (commit: bigint) => Promise<RecordedEvent | undefined>;
  logger: Logger;
  onStop: () => void;
}

/** Events buffered ahead of the reader before the server is asked to wait (transport back-pressure). */
const HIGH_WATER = 512;
const LOW_WATER = 128;
const FIRST_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 5000;

/**
 * A catch-up subscription to $all on EventStoreDB's own catch-up subscription (stored events,
 * then live ones, pushed by the server), with the ledger filter applied on both sides.
 *
 * Resuming: the subscription remembers the commit position of the last event the server sent
 * (delivered or filtered out). When the server goes away or ends the call, it subscribes again
 * from exactly that position — the server's catch-up subscriptions start strictly after the
 * given position — with growing pauses (0.1 s doubling to 5 s) for as long as the server is
 * unreachable. Events at or before that position are dropped if a server ever sends them again,
 * so a reconnect yields no gap and no duplicate. Events already buffered are delivered first.
 */
export class EsdbAllSubscription implements Subscription {
  private readonly buffer: RecordedEvent[] = [];
  private resumeAfter: 'start' | bigint;
  private includeAnchor: bigint | undefined;
  private current: AllStreamSubscription | undefined;
  private paused = false;
  private failure: Error | undefined;
  private stopped = false;
  private iterating = false;
  private consecutiveFailures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private wakeReader: (() => void) | undefined;

  constructor(private readonly options: EsdbSubscriptionOptions) {
    const { anchor } = options;
    this.resumeAfter = anchor.kind === 'start' ? 'start' : anchor.commit;
    this.includeAnchor = anchor.kind === 'event' && anchor.inclusive ? anchor.commit : undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterating) throw new Error('a subscription can be iterated only once');
    this.iterating = true;
    this.connect();
    return {
      next: () => this.next(),
      return: async () => {
        await this.stop();
        return { done: true, value: undefined };
      },
    };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const current = this.current;
    this.current = undefined;
    this.wake();
    this.options.onStop();
    if (current) {
      current.removeAllListeners();
      current.on('error', () => undefined);
      await current.unsubscribe();
    }
  }

  private async next(): Promise<IteratorResult<RecordedEvent>> {
    for (;;) {
      if (this.stopped) return { done: true, value: undefined };
      const event = this.buffer.shift();
      if (event) {
        if (this.paused && this.buffer.length <= LOW_WATER) {
          this.paused = false;
          this.current?.resume();
        }
        return { done: false, value: event };
      }
      if (this.failure) {
        const failure = this.failure;
        await this.stop();
        throw failure;
      }
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
    }
  }

  private wake(): void {
    const wake = this.wakeReader;
    this.wakeReader = undefined;
    wake?.();
  }

  private connect(): void {
    this.open().catch((error: unknown) => this.onFailure(error));
  }

  private async open(): Promise<void> {
    if (this.includeAnchor !== undefined) {
      // Server subscriptions start after a position; the anchor event itself is read once.
      const anchorEvent = await this.options.eventAt(this.includeAnchor);
      this.includeAnchor = undefined;
      if (anchorEvent) this.push(anchorEvent);
    }
    if (this.stopped) return;
    const { client, filter, namespace } = this.options;
    const subscription = client.subscribeToAll({
      fromPosition: this.resumeAfter === 'start' ? START : esdbPosition(this.resumeAfter),
      filter: subscriptionFilterFor(filter, namespace),
    });
    this.current = subscription;
    this.paused = false;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => this.onEvent(subscription, resolved));
    subscription.on('confirmation', () => (this.consecutiveFailures = 0));
    subscription.on('error', (error: unknown) => this.onDropped(subscription, error));
    subscription.on('end', () => this.onDropped(subscription, undefined));
    subscription.on('close', () => this.onDropped(subscription, undefined));
  }

  private onEvent(subscription: AllStreamSubscription, resolved: AllStreamResolvedEvent): void {
    if (subscription !== this.current || this.stopped) return;
    const record = resolved.event;
    const commit = record?.position?.commit;
    if (!record || commit === undefined) return;
    if (this.resumeAfter !== 'start' && commit <= this.resumeAfter) return; // already seen before a reconnect
    this.resumeAfter = commit;
    this.consecutiveFailures = 0;
    if (!isWantedLedgerEvent(record.streamId, record.type, this.options.filter, this.options.namespace)) return;
    let event: RecordedEvent;
    try {
      event = fromEsdbRecord(record, this.options.namespace);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    this.push(event);
  }

  private push(event: RecordedEvent): void {
    this.buffer.push(event);
    if (!this.paused && this.buffer.length >= HIGH_WATER && this.current) {
      this.paused = true;
      this.current.pause();
    }
    this.wake();
  }

  private onDropped(subscription: AllStreamSubscription, error: unknown): void {
    if (subscription !== this.current || this.stopped) return;
    this.current = undefined;
    subscription.removeAllListeners();
    subscription.on('error', () => undefined);
    void subscription.unsubscribe().catch(() => undefined);
    this.onFailure(error);
  }

  /** A dropped call (error undefined) or a transient failure reconnects; anything else ends the subscription. */
  private onFailure(error: unknown): void {
    if (this.stopped) return;
    if (error !== undefined && !isTransient(error)) {
      this.fail(toPortError(error, 'subscription to $all'));
      return;
    }
    this.consecutiveFailures += 1;
    const delay = Math.min(FIRST_RETRY_DELAY_MS * 2 ** (this.consecutiveFailures - 1), MAX_RETRY_DELAY_MS);
    this.options.logger.warn(
      { err: error, retryInMs: delay, resumeAfterCommit: String(this.resumeAfter) },
      'EventStoreDB subscription to $all dropped; subscribing again',
    );
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    const current = this.current;
    this.current = undefined;
    if (current) {
      current.removeAllListeners();
      current.on('error', () => undefined);
      void current.unsubscribe().catch(() => undefined);
    }
    this.wake();
  }
}
