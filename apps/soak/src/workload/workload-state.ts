import type { Random } from './random';

export interface Markings {
  tlp: 'GREEN' | 'AMBER';
  handling: string[];
  evaluation?: { source: string; information: string };
}

export interface CaseEntry {
  caseId: string;
  owner: string;
  kind: string;
  markings: Markings;
  /** Agencies currently holding a share. */
  shares: Set<string>;
  facts: number;
  closed: boolean;
}

export type ClueStatus = 'SUBMITTED' | 'ACKNOWLEDGED' | 'INFO_REQUESTED' | 'INFO_PROVIDED' | 'ACCEPTED' | 'DECLINED' | 'FEEDBACK_GIVEN' | 'CLOSED' | 'WITHDRAWN';

export interface ClueEntry {
  clueId: string;
  sender: string;
  recipient: string;
  kind: string;
  status: ClueStatus;
}

const FINISHED: ReadonlySet<ClueStatus> = new Set(['CLOSED', 'WITHDRAWN']);

/**
 * What the workload has created so far, as its clients believe it to be after the API's answers.
 * An entity in use by one virtual user is leased, so no two users act on it at once: the soak
 * measures the ledger under load, not lost races the clients provoked themselves.
 */
export class WorkloadState {
  readonly cases: CaseEntry[] = [];
  private readonly clues: ClueEntry[] = [];
  private readonly leased = new Set<string>();
  finishedClues = 0;
  /** Hash-chain problems auditors were shown (there must be none). */
  readonly chainProblems: string[] = [];

  addCase(entry: CaseEntry): void {
    this.cases.push(entry);
  }

  addClue(entry: ClueEntry): void {
    this.clues.push(entry);
  }

  get activeClues(): number {
    return this.clues.length;
  }

  /** Leases a random case matching `test`, or undefined. Release it with `release(caseId)`. */
  leaseCase(random: Random, test: (entry: CaseEntry) => boolean): CaseEntry | undefined {
    return this.lease(this.cases, (entry) => entry.caseId, random, test);
  }

  leaseClue(random: Random, test: (entry: ClueEntry) => boolean = () => true): ClueEntry | undefined {
    return this.lease(this.clues, (entry) => entry.clueId, random, test);
  }

  /** A random case without leasing it (for reads). */
  anyCase(random: Random, test: (entry: CaseEntry) => boolean = () => true): CaseEntry | undefined {
    return sample(this.cases, random, test);
  }

  anyClue(random: Random, test: (entry: ClueEntry) => boolean = () => true): ClueEntry | undefined {
    return sample(this.clues, random, test);
  }

  release(id: string): void {
    this.leased.delete(id);
  }

  /** Drops clues whose every lifecycle step is done, so the active list stays small. */
  settle(entry: ClueEntry): void {
    if (!FINISHED.has(entry.status)) return;
    const index = this.clues.indexOf(entry);
    if (index >= 0) {
      this.clues.splice(index, 1);
      this.finishedClues += 1;
    }
  }

  private lease<T>(items: T[], idOf: (item: T) => string, random: Random, test: (item: T) => boolean): T | undefined {
    const found = sample(items, random, (item) => !this.leased.has(idOf(item)) && test(item));
    if (found !== undefined) this.leased.add(idOf(found));
    return found;
  }
}

/** A random item matching `test`: a few random probes first, then a scan from a random start. */
function sample<T>(items: readonly T[], random: Random, test: (item: T) => boolean): T | undefined {
  if (items.length === 0) return undefined;
  for (let probe = 0; probe < 8; probe += 1) {
    const item = items[Math.floor(random.next() * items.length)];
    if (test(item)) return item;
  }
  const start = Math.floor(random.next() * items.length);
  for (let offset = 0; offset < items.length; offset += 1) {
    const item = items[(start + offset) % items.length];
    if (test(item)) return item;
  }
  return undefined;
}
