import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { CheckpointService, loadOrCreateSigningKey, verifyLedger, type LedgerSigningKey } from '@ledger/audit';
import { canonicalEventBytes, openSqliteEventStore, type EventStore, type NewEvent } from '@ledger/event-store';
import { measureAlternating } from '../measure';
import { defineBenchmark, type BenchContext } from '../registry';

/**
 * Full ledger verification (`verifyLedger`: read every event in global order, recompute its hash,
 * check each stream's chain, rebuild the Merkle tree and check every signed checkpoint) of a
 * 100,000-event SQLite ledger, in events/s. Ceiling, measured in the same run: SHA-256 alone over
 * the very canonical bytes each event hash covers — the one step verification cannot skip.
 * A second row shows how much of the time is only reading the log through the port.
 */
export const benchmark = defineBenchmark({
  name: 'verify',
  description: 'events/s of full ledger verification (hash chains, Merkle checkpoints) vs raw SHA-256 of the same bytes',
  async run(context) {
    const eventCount = readEventCount();
    const key = loadOrCreateSigningKey(path.join(context.scratchDir, 'ledger-signing-key.pem'), { createIfMissing: true });
    const store = openSqliteEventStore(path.join(context.scratchDir, 'ledger.db'));
    try {
      await generateLedger(context, store, key, eventCount);
      const canonical = await canonicalBytesOf(store);
      const total = canonical.length;

      const verifyPass = async (): Promise<void> => {
        const result = await verifyLedger(store, key.publicKey);
        if (!result.ok || result.eventCount !== total) throw new Error(`verification of the generated ledger failed: ${JSON.stringify(result.firstProblem)}`);
      };
      const readPass = async (): Promise<void> => {
        let read = 0;
        for (let from = 1; ; ) {
          const page = await store.readAll({ fromPosition: from, limit: PAGE_SIZE });
          if (page.length === 0) break;
          read += page.length;
          from = page[page.length - 1].globalPosition + 1;
        }
        if (read !== total) throw new Error(`read ${read} events, expected ${total}`);
      };
      const hashPass = (): void => {
        for (const bytes of canonical) createHash('sha256').update(bytes).digest();
      };

      // Each way runs once to warm up, then once per round, taking turns (see measureAlternating).
      const rounds = 3;
      const bar = context.progress('measuring', 3 * (rounds + 1));
      const counted = (pass: () => Promise<void> | void) => async () => {
        await pass();
        bar.increment();
      };
      const [verifyRate, readRate, hashRate] = await measureAlternating([counted(verifyPass), counted(readPass), counted(hashPass)], total, { warmupMs: 0, rounds, roundMs: 1 });
      bar.stop();

      const variant = `sqlite, ${total.toLocaleString('en-US')} events, checkpoint every ${CHECKPOINT_INTERVAL}`;
      context.record({ scenario: 'verify', variant, metric: 'throughput', value: verifyRate, unit: 'events/s', ceiling: hashRate });
      context.record({ scenario: 'verify', variant: `${variant}, reading only (no checks)`, metric: 'throughput', value: readRate, unit: 'events/s', ceiling: hashRate });
      context.note(`verify ${Math.round(verifyRate)} events/s, reading only ${Math.round(readRate)} events/s, SHA-256 ceiling ${Math.round(hashRate)} events/s`);
    } finally {
      await store.close();
    }
  },
});

const DEFAULT_EVENTS = 100_000;
const BATCH = 200;
const STREAMS = 500;
const PAGE_SIZE = 2000;
const CHECKPOINT_INTERVAL = 1000;

/** LEDGER_BENCH_VERIFY_EVENTS overrides the ledger size (for a quick run). */
function readEventCount(): number {
  const raw = process.env.LEDGER_BENCH_VERIFY_EVENTS;
  if (raw === undefined || raw === '') return DEFAULT_EVENTS;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < BATCH) throw new Error(`LEDGER_BENCH_VERIFY_EVENTS must be a whole number ≥ ${BATCH} (got ${JSON.stringify(raw)})`);
  return value;
}

/** Batched appends over many streams, with checkpoints signed along the way as a live ledger would. */
async function generateLedger(context: BenchContext, store: EventStore, key: LedgerSigningKey, eventCount: number): Promise<void> {
  const signer = new CheckpointService(store, key, { interval: CHECKPOINT_INTERVAL });
  const bar = context.progress('generating the ledger', eventCount);
  for (let batch = 0; batch * BATCH < eventCount; batch += 1) {
    const stream = `case-bench-${batch % STREAMS}`;
    const events: NewEvent[] = Array.from({ length: Math.min(BATCH, eventCount - batch * BATCH) }, (_, i) => factEvent(batch, i));
    await store.append(stream, events, 'any', { actor: { officerId: 'fr-ocreth.bench', agencyId: 'fr-ocreth' }, commandId: `bench-${batch}`, correlationId: `bench-${batch}` });
    await signer.maybeCheckpoint();
    bar.update(Math.min((batch + 1) * BATCH, eventCount));
  }
  await signer.checkpointNow();
  bar.stop();
}

/** Facts of the size and shape the application records (a person with tagged personal fields). */
function factEvent(batch: number, index: number): NewEvent {
  return {
    type: 'PersonRecorded',
    data: {
      caseId: `bench-${batch % STREAMS}`,
      personId: `p-${batch}-${index}`,
      role: 'VICTIM',
      fullName: { category: 'VICTIM_IDENTITY', value: `Person ${batch}-${index}` },
      dateOfBirth: { category: 'VICTIM_IDENTITY', value: '1998-04-12' },
      nationality: { category: 'VICTIM_IDENTITY', value: 'CN' },
      phoneNumber: { category: 'COMMUNICATIONS', value: '+86 591 5550 1234' },
      address: { category: 'LOCATION', value: 'Rue de la République 12, Lyon' },
      markings: { tlp: 'AMBER', handling: ['H1', 'H2'], evaluation: { source: 'B', information: '2' } },
    },
  };
}

/** The canonical bytes of every event's hash input, as verification hashes them. */
async function canonicalBytesOf(store: EventStore): Promise<Buffer[]> {
  const bytes: Buffer[] = [];
  for (let from = 1; ; ) {
    const page = await store.readAll({ fromPosition: from, limit: PAGE_SIZE });
    if (page.length === 0) return bytes;
    for (const event of page) bytes.push(Buffer.from(canonicalEventBytes(event), 'utf8'));
    from = page[page.length - 1].globalPosition + 1;
  }
}
