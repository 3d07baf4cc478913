/**
 * Read-your-writes for a process that reads views a separate projector process maintains
 * (PostgreSQL deployment): polls the committed checkpoint while someone is waiting.
 */
import { readCheckpoint } from '../storage/checkpoint';
import type { ReadModel } from '../storage/read-model';
import { PositionWaiters, type ProjectionProgress } from '../projector/progress';

export class CheckpointFollower implements ProjectionProgress {
  private readonly waiters = new PositionWaiters();
  private polling: Promise<void> | undefined;

  constructor(
    private readonly readModel: ReadModel,
    private readonly pollMs = 25,
  ) {}

  position(): number {
    return this.waiters.position();
  }

  async refresh(): Promise<number> {
    this.waiters.advance(await readCheckpoint(this.readModel.queryDb, this.readModel.dialect));
    return this.waiters.position();
  }

  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if ((await this.refresh()) >= position) return true;
    const reached = this.waiters.waitFor(position, timeoutMs);
    this.polling ??= this.poll();
    return reached;
  }

  private async poll(): Promise<void> {
    try {
      while (this.waiters.hasWaiters()) {
        await new Promise((resolve) => setTimeout(resolve, this.pollMs));
        await this.refresh().catch(() => undefined);
      }
    } finally {
      this.polling = undefined;
    }
  }
}
