import { openEventStore } from '@ledger/event-store';
import { openReadModel, rebuild, ViewReader } from '@ledger/projections';
import { planLedger, writeLedger } from '@ledger/projections/testing/ledger-generator';

describe('generated ledgers', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    const strip = (seed: number) => [...planLedger({ targetEvents: 800, seed })].map((a) => [a.stream, a.expectedRevision, a.context.commandId, a.events.map((e) => [e.type, e.data, e.occurredAt])]);
    expect(strip(5)).toEqual(strip(5));
    expect(strip(5)).not.toEqual(strip(6));
  });

  it('are accepted by the store and projected without a skipped event, with every lifecycle present', async () => {
    const store = await openEventStore('sqlite::memory:');
    const readModel = await openReadModel('sqlite::memory:');
    try {
      const written = await writeLedger(store, { targetEvents: 4000, seed: 9 });
      expect(written.events).toBeGreaterThanOrEqual(4000);
      for (const type of ['CaseOpened', 'PersonRecorded', 'RouteRecorded', 'MoneyFlowRecorded', 'CaseShared', 'ShareRevoked', 'ClueSubmitted', 'ClueAcknowledged', 'ClueAccepted', 'ClueDeclined', 'ClueFeedbackGiven', 'ClueClosed']) {
        expect({ type, count: written.summary[type] ?? 0 }).toEqual({ type, count: expect.any(Number) });
        expect(written.summary[type]).toBeGreaterThan(0);
      }
      const result = await rebuild(store, readModel);
      expect(result.skipped).toEqual([]);
      expect(result.events).toBe(written.events);
      const stats = await new ViewReader(readModel).forAgency('fr-ocreth').cooperationStats();
      expect(stats.length).toBeGreaterThan(1);
      expect(stats.some((p) => p.sent.daysToAcknowledge.median !== null)).toBe(true);
    } finally {
      await readModel.close();
      await store.close();
    }
  }, 120_000);
});
