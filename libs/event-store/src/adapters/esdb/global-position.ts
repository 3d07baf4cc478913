/**
 * How EventStoreDB's $all positions become the port's global positions, and back.
 *
 * Every event this adapter writes goes through gRPC Append, so the server stores it as one
 * self-committed prepare record: its $all position is (commit = prepare = the record's log
 * position, a byte offset). Log positions of events grow strictly in the order $all delivers
 * them, and a multi-event append gives each event its own record and so its own commit position —
 * commit positions are only shared by the events of an explicit (legacy TCP) transaction, which
 * this adapter never writes and refuses to decode. So the commit position alone orders events
 * strictly and identifies each one.
 *
 * The port lets readers resume with `fromPosition = last + 1`, but the server accepts a read
 * position only if it points at a record: `commit + 1` is the middle of a record. So the global
 * position is `2 × commit + 1` (always odd), and a requested position says by its parity what it
 * is anchored on:
 *   odd  p → the event at commit (p − 1) / 2, included;
 *   even p → the event at commit (p − 2) / 2, excluded (p = someone's last position + 1).
 * Both anchors are positions this store handed out, so the server never sees a made-up one.
 * The doubling is monotonic, keeps positions positive, and costs one bit: commit positions up to
 * 2^52 (4 PiB of log) fit in a JavaScript safe integer, which is checked.
 */
export const MAX_COMMIT_POSITION = (BigInt(Number.MAX_SAFE_INTEGER) - 1n) / 2n;

export function toGlobalPosition(commit: bigint): number {
  if (commit < 0n || commit > MAX_COMMIT_POSITION) {
    throw new RangeError(`EventStoreDB commit position ${commit} is outside the range this adapter maps to global positions (0..${MAX_COMMIT_POSITION})`);
  }
  return Number(commit * 2n + 1n);
}

/** Where a forwards read or subscription starts. */
export type ReadAnchor = { kind: 'start' } | { kind: 'event'; commit: bigint; inclusive: boolean };

/** The anchor of a requested global position (inclusive). Positions 0 and 1 mean "from the first event". */
export function anchorOf(fromPosition: number | undefined): ReadAnchor {
  if (fromPosition === undefined || fromPosition <= 1) return { kind: 'start' };
  const position = BigInt(fromPosition);
  return position % 2n === 1n
    ? { kind: 'event', commit: (position - 1n) / 2n, inclusive: true }
    : { kind: 'event', commit: (position - 2n) / 2n, inclusive: false };
}

/** The server position of an event, as the client wants it. */
export function esdbPosition(commit: bigint): { commit: bigint; prepare: bigint } {
  return { commit, prepare: commit };
}
