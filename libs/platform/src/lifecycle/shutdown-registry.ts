import type { Logger } from 'pino';

export type ShutdownCallback = () => Promise<void> | void;

/**
 * Callbacks to run once the server has stopped taking work (HTTP drained, WebSockets closed):
 * flushing the access log, closing the event store, stopping an in-process projector.
 * They run once, in reverse order of registration (what started last stops first), each bounded
 * by a timeout; a failing callback is logged and does not stop the others.
 */
export class ShutdownRegistry {
  private readonly callbacks: Array<{ name: string; callback: ShutdownCallback }> = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly logger?: Logger,
    private readonly timeoutMs = 10_000,
  ) {}

  register(name: string, callback: ShutdownCallback): void {
    if (this.running !== undefined) throw new Error(`cannot register shutdown callback ${name}: shutdown has started`);
    this.callbacks.push({ name, callback });
  }

  get started(): boolean {
    return this.running !== undefined;
  }

  /** Runs every callback; calling it again returns the same promise. */
  run(): Promise<void> {
    this.running ??= this.runAll();
    return this.running;
  }

  private async runAll(): Promise<void> {
    for (const { name, callback } of [...this.callbacks].reverse()) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(callback),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`did not finish within ${this.timeoutMs} ms`)), this.timeoutMs);
          }),
        ]);
        this.logger?.debug({ shutdownCallback: name }, 'shutdown callback finished');
      } catch (error) {
        this.logger?.error({ shutdownCallback: name, err: error }, 'shutdown callback failed');
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
