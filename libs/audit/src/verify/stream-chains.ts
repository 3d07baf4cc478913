import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { checkChainLink, computeEventHash, GENESIS_HASH } from '@ledger/event-store/hash-chain';

/**
 * What is wrong with one event's place in its stream's hash chain:
 * - CONTENT_ALTERED: the stored hash does not match the event's content;
 * - CHAIN_BROKEN: previousHash is not the hash of the previous revision;
 * - REVISION_GAP: revisions were skipped — deleted, or stored later in global order (see `late`);
 * - REVISION_LATE: a skipped revision turned up after a later one (the two were reordered);
 * - DUPLICATE_REVISION: a revision that was already seen appears again.
 */
export type ChainFindingKind = 'CONTENT_ALTERED' | 'CHAIN_BROKEN' | 'REVISION_GAP' | 'REVISION_LATE' | 'DUPLICATE_REVISION';

export interface ChainFinding {
  kind: ChainFindingKind;
  stream: string;
  /** For a gap: the first skipped revision; otherwise the revision of the event at fault. */
  revision: number;
  /** Global position of the event where the problem showed. */
  position: number;
  message: string;
}

/**
 * Follows every stream's hash chain through the log in global order, keeping only each stream's
 * last event and the revisions still missing. One place for the rules, shared by the verifier
 * and the checkpoint signer (which refuses to sign over a broken chain).
 */
export class StreamChains {
  private readonly last = new Map<string, RecordedEvent>();
  /** Per stream: revisions skipped so far and not (yet) seen, as inclusive ranges. */
  private readonly missing = new Map<string, Array<[number, number]>>();

  get streamCount(): number {
    return this.last.size;
  }

  /** Checks `event` against what came before it; returns what is wrong, or null. */
  check(event: RecordedEvent): ChainFinding | null {
    const previous = this.last.get(event.stream);
    const expected = previous ? previous.revision + 1 : 0;
    const at = { stream: event.stream, position: event.globalPosition };

    if (event.revision === expected) {
      this.last.set(event.stream, event);
      const problem = checkChainLink(event, previous);
      if (problem === null) return null;
      const expectedPrevious = previous ? previous.hash : GENESIS_HASH;
      const kind = event.previousHash !== expectedPrevious ? 'CHAIN_BROKEN' : 'CONTENT_ALTERED';
      return { kind, ...at, revision: event.revision, message: `${event.stream} revision ${event.revision}: ${problem}` };
    }

    if (event.revision > expected) {
      this.last.set(event.stream, event);
      this.addMissing(event.stream, expected, event.revision - 1);
      const skipped = expected === event.revision - 1 ? `revision ${expected}` : `revisions ${expected}–${event.revision - 1}`;
      return { kind: 'REVISION_GAP', ...at, revision: expected, message: `${event.stream}: ${skipped} absent, revision ${event.revision} follows ${previous ? `revision ${previous.revision}` : 'nothing'} at position ${event.globalPosition}` };
    }

    // An older revision after a newer one: a skipped revision arriving late, or a repeat.
    const late = this.takeMissing(event.stream, event.revision);
    const contentOk = computeEventHash(event) === event.hash;
    if (late) {
      if (!contentOk) return { kind: 'CONTENT_ALTERED', ...at, revision: event.revision, message: `${event.stream} revision ${event.revision}: stored hash does not match the event content` };
      return { kind: 'REVISION_LATE', ...at, revision: event.revision, message: `${event.stream} revision ${event.revision} is stored after revision ${previous!.revision}` };
    }
    return { kind: 'DUPLICATE_REVISION', ...at, revision: event.revision, message: `${event.stream} revision ${event.revision} appears again at position ${event.globalPosition}` };
  }

  /** True while `revision` of `stream` was skipped and has not turned up since. */
  isMissing(stream: string, revision: number): boolean {
    return (this.missing.get(stream) ?? []).some(([from, to]) => revision >= from && revision <= to);
  }

  private addMissing(stream: string, from: number, to: number): void {
    const ranges = this.missing.get(stream) ?? [];
    ranges.push([from, to]);
    this.missing.set(stream, ranges);
  }

  private takeMissing(stream: string, revision: number): boolean {
    const ranges = this.missing.get(stream);
    if (!ranges) return false;
    const index = ranges.findIndex(([from, to]) => revision >= from && revision <= to);
    if (index < 0) return false;
    const [from, to] = ranges[index];
    const rest: Array<[number, number]> = [];
    if (from < revision) rest.push([from, revision - 1]);
    if (revision < to) rest.push([revision + 1, to]);
    ranges.splice(index, 1, ...rest);
    if (ranges.length === 0) this.missing.delete(stream);
    return true;
  }
}
