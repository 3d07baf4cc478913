import { Client, type ClientConfig } from 'pg';
import type { Logger } from 'pino';
import type { WakeSignal } from '../../catch-up-subscription';
import { WAKE_CHANNEL } from './postgres-schema';

const MAX_RECONNECT_DELAY_MS = 5000;

/**
 * One LISTEN connection per store, turning NOTIFYs from any process into wake-ups of the live
 * subscriptions. It is only a shortcut: subscriptions also poll, so a dropped connection or a
 * lost notification delays delivery, never loses an event. Reconnects by itself.
 */
export class PostgresWakeListener {
  private running = false;
  private client: Client | undefined;
  private stopped: Promise<void> | undefined;
  private interruptDelay: (() => void) | undefined;

  constructor(
    private readonly config: ClientConfig,
    private readonly signal: WakeSignal,
    private readonly logger: Logger,
  ) {}

  /** Starts listening in the background (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.interruptDelay?.();
    await this.client?.end().catch(() => undefined);
    await this.stopped;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const client = new Client(this.config);
      client.on('notification', () => this.signal.notify());
      const ended = new Promise<void>((resolve) => {
        client.once('end', resolve);
        client.on('error', (error) => {
          if (this.running) this.logger.warn({ err: error }, 'event store wake-up connection failed');
          resolve();
        });
      });
      try {
        await client.connect();
        this.client = client;
        await client.query(`LISTEN ${WAKE_CHANNEL}`);
        failures = 0;
        // Anything committed while this connection was down would have no notification.
        this.signal.notify();
        if (this.running) await ended;
      } catch (error) {
        failures += 1;
        if (this.running) this.logger.warn({ err: error }, 'event store wake-up connection cannot connect; subscriptions keep polling');
      } finally {
        this.client = undefined;
        await client.end().catch(() => undefined);
      }
      if (this.running) await this.delay(Math.min(250 * 2 ** failures, MAX_RECONNECT_DELAY_MS));
    }
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.interruptDelay = done;
    });
  }
}
