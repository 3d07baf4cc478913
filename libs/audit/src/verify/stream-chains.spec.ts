import { prepareEvents } from '@ledger/event-store/prepare-append';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { computeEventHash } from '@ledger/event-store/hash-chain';
import { StreamChains } from './stream-chains';

const context = { actor: { officerId: 'o1', agencyId: 'fr-ocreth' }, commandId: 'c1', correlationId: 'c1' };

/** Five correctly chained events of one stream, at positions 1..5. */
function stream(name = 'case-1'): RecordedEvent[] {
  const prepared = prepareEvents(name, Array.from({ length: 5 }, (_, i) => ({ type: 'NoteAdded', data: { n: i } })), context, undefined, new Date('2025-01-01T00:00:00Z'));
  return prepared.map(({ dataJson: _ignored, ...event }, i) => ({ ...event, globalPosition: i + 1 }));
}

function findings(events: RecordedEvent[]) {
  const chains = new StreamChains();
  return { found: events.map((event) => chains.check(event)).filter((f) => f !== null), chains };
}

describe('stream hash chains', () => {
  it('accepts an intact stream', () => {
    expect(findings(stream()).found).toEqual([]);
  });

  it('tells altered content from a broken link', () => {
    const events = stream();
    events[2] = { ...events[2], data: { n: 99 } };
    expect(findings(events).found).toEqual([expect.objectContaining({ kind: 'CONTENT_ALTERED', revision: 2 })]);

    const relinked = stream();
    const wrongPrevious = { ...relinked[2], previousHash: 'f'.repeat(64) };
    relinked[2] = { ...wrongPrevious, hash: computeEventHash(wrongPrevious) };
    expect(findings(relinked).found).toEqual([expect.objectContaining({ kind: 'CHAIN_BROKEN', revision: 2 }), expect.objectContaining({ kind: 'CHAIN_BROKEN', revision: 3 })]);
  });

  it('reports a gap, and a late arrival that fills it as such', () => {
    const events = stream();
    const { found: gap, chains: gapChains } = findings([events[0], events[2], events[3]]);
    expect(gap).toEqual([expect.objectContaining({ kind: 'REVISION_GAP', revision: 1 })]);
    expect(gapChains.isMissing('case-1', 1)).toBe(true);

    const { found: swapped, chains } = findings([events[0], events[2], events[1], events[3]]);
    expect(swapped.map((f) => f.kind)).toEqual(['REVISION_GAP', 'REVISION_LATE']);
    expect(chains.isMissing('case-1', 1)).toBe(false);
  });

  it('reports a revision seen twice', () => {
    const events = stream();
    expect(findings([events[0], events[1], { ...events[1], globalPosition: 9 }]).found).toEqual([expect.objectContaining({ kind: 'DUPLICATE_REVISION', revision: 1, position: 9 })]);
  });

  it('keeps streams apart', () => {
    const a = stream('case-a');
    const b = stream('case-b').map((event) => ({ ...event, globalPosition: event.globalPosition + 10 }));
    const chains = new StreamChains();
    expect([a[0], b[0], a[1], b[1]].map((e) => chains.check(e))).toEqual([null, null, null, null]);
    expect(chains.streamCount).toBe(2);
  });
});
