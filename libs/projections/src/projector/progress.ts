/** How far the views are: what the API waits on after a mutation (read-your-writes). */
export interface ProjectionProgress {
  /** Global position of the last event the views include. */
  position(): number;
  /** Resolves true once the views include `position`, false if `timeoutMs` passes first. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
}

/** Waiters on a position that only moves forward. */
export class PositionWaiters {
  private current = 0;
  private readonly waiters = new Set<{ position: number; resolve: (reached: boolean) => void; timer: NodeJS.Timeout }>();

  position(): number {
    return this.current;
  }

  advance(position: number): void {
    if (position <= this.current) return;
    this.current = position;
    for (const waiter of this.waiters) {
      if (waiter.position <= position) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
  }

  /** Resets after a rebuild: the position may go back to 0. */
  reset(position: number): void {
    this.current = position;
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (position <= this.current) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(false);
        }, Math.max(0, timeoutMs)),
      };
      waiter.timer.unref?.();
      this.waiters.add(waiter);
    });
  }

  hasWaiters(): boolean {
    return this.waiters.size > 0;
  }

  /** Releases every waiter (false): used on shutdown. */
  releaseAll(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
    this.waiters.clear();
  }
}
