/**
 * Fuzzed GraphQL requests (fast-check, fixed seeds): random strings as documents, random request
 * bodies, random selection sets generated from the served schema, and valid documents damaged
 * character by character. Sent with a liaison officer's real token, whose role cannot change
 * anything with made-up ids: every answer must be data or a clean refusal (known
 * `extensions.code`, HTTP status below 500, no stack trace), the server keeps serving after each
 * batch, and the ledger gains no event except access records of reads.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { LedgerApiServer } from '../../apps/api/src/server/ledger-api-server';
import { DOCUMENTS, type DocumentName } from '../../apps/soak/src/client/documents';
import { postRaw, uncleanBecause } from './support/clean-answers';
import { batch, type HostileLedger, InputTally, MARKINGS, startHostileLedger } from './support/hostile-ledger';
import { damagedDocument, randomOperation } from './support/random-documents';

const SEED = 20_250_611;

describe('fuzzed GraphQL documents', () => {
  let ledger: HostileLedger;
  const tally = new InputTally('GraphQL documents');
  let auth: Record<string, string>;

  beforeAll(async () => {
    ledger = await startHostileLedger();
    auth = { authorization: `Bearer ${ledger.partner.liaison.token}` };
  }, 120_000);

  afterAll(async () => {
    tally.print();
    await ledger?.api.stop();
  });

  /** Sends one request body; fails the property with the reason when the answer is not clean. */
  async function expectClean(body: string | Uint8Array): Promise<void> {
    const answer = await postRaw(ledger.api.url, body, auth);
    const unclean = uncleanBecause(answer);
    if (unclean !== null) throw new Error(`${unclean}\nrequest: ${typeof body === 'string' ? body.slice(0, 500) : `${body.length} bytes`}`);
  }

  it('answers random strings as documents with a clean refusal', async () => {
    await batch(ledger, tally, 'random strings as the query', async () => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 60 })), async (query) => {
          runs += 1;
          await expectClean(JSON.stringify({ query }));
        }),
        { numRuns: 250, seed: SEED },
      );
      return runs;
    });
  }, 120_000);

  it('answers random request bodies (JSON values, bytes) with a clean refusal', async () => {
    await batch(ledger, tally, 'random request bodies', async () => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 })), async (body) => {
          runs += 1;
          await expectClean(body);
        }),
        { numRuns: 150, seed: SEED + 1 },
      );
      return runs;
    });
  }, 120_000);

  it('answers random selection sets over the schema with data or a clean refusal', async () => {
    const schema = ledger.api.app.get(LedgerApiServer).graphqlSchema;
    await batch(
      ledger,
      tally,
      'random operations generated from the schema',
      async () => {
        let runs = 0;
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (seed) => {
            runs += 1;
            await expectClean(JSON.stringify({ query: randomOperation(schema, seed) }));
          }),
          { numRuns: 300, seed: SEED + 2 },
        );
        return runs;
      },
      { reads: true },
    );
  }, 120_000);

  it('answers damaged valid documents with data or a clean refusal', async () => {
    const variables = validVariables(ledger);
    const names = Object.keys(variables) as DocumentName[];
    await batch(
      ledger,
      tally,
      'valid documents damaged character by character',
      async () => {
        let runs = 0;
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...names), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 6 }), async (name, seed, steps) => {
            runs += 1;
            await expectClean(JSON.stringify({ query: damagedDocument(DOCUMENTS[name], seed, steps), variables: variables[name] }));
          }),
          { numRuns: 300, seed: SEED + 3 },
        );
        return runs;
      },
      { reads: true },
    );
  }, 120_000);
});

/**
 * Variables that make each undamaged document valid — for reads, the world's real case and clue;
 * for writes, made-up ids, so that even a document the damage left intact changes nothing.
 */
function validVariables(ledger: HostileLedger): Partial<Record<DocumentName, Record<string, unknown>>> {
  const unknownCase = randomUUID();
  const unknownClue = randomUUID();
  return {
    me: {},
    inbox: {},
    outbox: {},
    cases: { filter: { kind: 'TRAFFICKING', text: 'nail' } },
    caseDetail: { id: ledger.caseId },
    clueDetail: { id: ledger.clueId },
    cooperationStats: {},
    recordPerson: { input: { caseId: unknownCase, role: 'VICTIM', fullName: 'Li Mei', markings: MARKINGS } },
    addNote: { input: { caseId: unknownCase, text: 'note', markings: MARKINGS } },
    shareCase: { input: { caseId: unknownCase, recipientAgencyIds: [ledger.owner.agencyId], agreementId: randomUUID(), categories: [] } },
    acknowledgeClue: { input: { clueId: unknownClue } },
    declineClue: { input: { clueId: unknownClue, reason: 'no' } },
    submitClue: { input: { recipients: [{ agencyId: ledger.owner.agencyId, agreementId: randomUUID() }], kind: 'LEAD', subject: 's', body: 'b', markings: MARKINGS } },
  };
}
