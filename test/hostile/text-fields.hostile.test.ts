/**
 * Unicode edge cases (lone surrogates, RTL override, zero-width, 4-byte emoji, NUL, control
 * characters) and injection strings (SQL, JSON, HTML/script, path traversal, templates, log
 * forgery) in every free-text field of the mutations on SQLite, and on PostgreSQL in one field
 * per place text is kept (see `representative` in support/text-fields.ts). Each one is
 * either stored verbatim and answered unchanged (in the mutation's answer and in the stored
 * event) — never executed, never an internal error — or refused with BAD_USER_INPUT naming that
 * field; a refused command writes nothing. Case search with the same strings matches them
 * literally. The views keep up throughout and the server keeps serving.
 */
import { isWellFormedText } from '@ledger/commands';
import type { RecordedEvent } from '@ledger/event-store';
import { outcomeOf } from '../../apps/soak/src/client/graphql-client';
import { batch, eventsAfter, expectServing, type HostileLedger, InputTally, settledHead, startHostileLedger } from './support/hostile-ledger';
import { HOSTILE_STRINGS } from './support/hostile-strings';
import { type Ids, TEXT_FIELDS, type TextField, writesOf } from './support/text-fields';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../support/postgres';

const CONCURRENCY = 8;

type Verdict = 'stored' | 'refused';

/** Sends every hostile string in every text field; resolves with the verdicts and the problems found. */
async function tryEveryField(ledger: HostileLedger, fields: TextField[]): Promise<{ verdicts: Map<string, Map<string, Verdict>>; problems: string[]; inputs: number }> {
  const work: Array<[TextField, string, string]> = fields.flatMap((field) => HOSTILE_STRINGS.map(([label, value]) => [field, label, value] as [TextField, string, string]));
  const verdicts = new Map<string, Map<string, Verdict>>();
  const problems: string[] = [];
  let next = 0;
  let stalled: string | undefined;

  const tryOne = async (field: TextField, label: string, value: string): Promise<void> => {
    const name = `${field.document.match(/\{ (\w+)\(/)?.[1]} ${field.field} × ${label}`;
    const ids: Ids = await field.prepare(ledger);
    const answer = await ledger.client.mutateWith(field.actor(ledger), name, field.document, field.input(value, ids, ledger), writesOf(field, ids, ledger));
    const outcome = outcomeOf(answer);
    let verdict: Verdict | undefined;
    if (outcome === 'ok') {
      verdict = 'stored';
      if (field.answered && field.answered(answer.data, ids) !== value) problems.push(`${name}: answered ${JSON.stringify(field.answered(answer.data, ids))}, sent ${JSON.stringify(value)}`);
      const events = (await ledger.api.store.readStream(field.stream(ids, ledger))).filter((event: RecordedEvent) => event.commandId === answer.commandId && event.type === field.event);
      if (events.length !== 1) problems.push(`${name}: ${events.length} ${field.event} events for the command`);
      else if (field.stored(events[0].data) !== value) problems.push(`${name}: stored ${JSON.stringify(field.stored(events[0].data))}, sent ${JSON.stringify(value)}`);
    } else if (outcome === 'BAD_USER_INPUT' && answer.errors?.[0]?.extensions?.field === field.field && typeof answer.errors[0].extensions.rule === 'string') {
      verdict = 'refused';
    } else {
      if (outcome === 'STORE_UNAVAILABLE' || outcome === 'TRANSPORT') stalled ??= `${name}: ${JSON.stringify(answer.errors ?? answer.transportError)}`;
      problems.push(`${name}: HTTP ${answer.status} ${JSON.stringify(answer.errors ?? answer.transportError)}`);
    }
    if (verdict) {
      const byField = verdicts.get(label) ?? new Map<string, Verdict>();
      byField.set(`${name.split(' ')[0]} ${field.field}`, verdict);
      verdicts.set(label, byField);
    }
  };

  const worker = async (): Promise<void> => {
    // A stalled server (views not keeping up) would make every later command wait its timeout: stop at once.
    while (next < work.length && stalled === undefined) {
      const [field, label, value] = work[next++];
      await tryOne(field, label, value);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (stalled !== undefined) problems.unshift(`the server stopped keeping up; first sign: ${stalled}`);
  return { verdicts, problems, inputs: next };
}

function textFieldSuite(title: string, fields: TextField[], start: () => Promise<HostileLedger>, stop: () => Promise<void> = async () => undefined): void {
  describe(title, () => {
    let ledger: HostileLedger;
    const tally = new InputTally(`text fields, ${title}`);

    beforeAll(async () => {
      ledger = await start();
    }, 120_000);

    afterAll(async () => {
      tally.print();
      await ledger?.api.stop();
      await stop();
    });

    it('stores each string verbatim and answers it unchanged, or refuses it naming the field; refused commands write nothing', async () => {
      const before = await settledHead(ledger.api);
      const { verdicts, problems, inputs } = await tryEveryField(ledger, fields);
      tally.add(`hostile strings × ${fields.length} text fields`, inputs);
      const summary = [...verdicts].map(([label, byField]) => {
        const refused = [...byField].filter(([, verdict]) => verdict === 'refused').map(([field]) => field);
        return `  ${label.padEnd(42)} stored in ${byField.size - refused.length}, refused in ${refused.length}${refused.length > 0 && refused.length < 8 ? ` (${refused.join(', ')})` : ''}`;
      });
      process.stderr.write(`\n${title}: hostile strings in ${fields.length} text fields\n${summary.join('\n')}\n`);
      // Every command is in the ledger exactly once if it was answered, not at all if refused.
      const report = await ledger.commands.verify(ledger.api.store);
      expect(problems).toEqual([]);
      expect(inputs).toBe(fields.length * HOSTILE_STRINGS.length);
      expect(report.problems).toEqual([]);
      expect(report.inDoubt).toBe(0);
      // The views took every accepted event in (nothing poisoned the projector).
      await ledger.api.viewsCaughtUp(30_000);
      expect((await eventsAfter(ledger.api, before)).length).toBeGreaterThan(0);
      await expectServing(ledger, ledger.owner.investigators[0]);
    }, 300_000);

    it('matches search text literally: wildcards and quotes find only cases that contain them', async () => {
      const investigator = ledger.owner.investigators[0];
      await batch(
        ledger,
        tally,
        'hostile strings as case search text',
        async () => {
          for (const [label, value] of HOSTILE_STRINGS) {
            const answer = await ledger.graphql.request<{ cases: { edges: Array<{ node: { title: string; summary: string } }> } }>(
              investigator.token,
              'query($filter: CaseFilter) { cases(filter: $filter, first: 100) { edges { node { title summary } } } }',
              { filter: { text: value } },
            );
            // Text that is not well-formed Unicode (lone surrogates, NUL) is refused as a search, as everywhere else.
            if (!isWellFormedText(value)) {
              expect({ label, outcome: outcomeOf(answer), field: answer.errors?.[0]?.extensions?.field }).toEqual({ label, outcome: 'BAD_USER_INPUT', field: 'filter.text' });
              continue;
            }
            expect({ label, outcome: outcomeOf(answer) }).toEqual({ label, outcome: 'ok' });
            const needle = value.trim().toLowerCase();
            const strays = (answer.data?.cases.edges ?? []).map(({ node }) => `${node.title}\n${node.summary}`).filter((text) => needle !== '' && !text.toLowerCase().includes(needle));
            expect({ label, strays }).toEqual({ label, strays: [] });
          }
          return HOSTILE_STRINGS.length;
        },
        { reads: true },
      );
    }, 60_000);
  });
}

textFieldSuite('SQLite', TEXT_FIELDS, () => startHostileLedger());

describeWithPostgres('hostile text on PostgreSQL', () => {
  let database: TestDatabase;
  textFieldSuite(
    'PostgreSQL',
    TEXT_FIELDS.filter((field) => field.representative),
    async () => {
      database = await createTestDatabase('ledger_test_hostile_text');
      return startHostileLedger({ env: { LEDGER_EVENT_STORE: database.url }, settings: { embeddedProjector: true } });
    },
    async () => {
      await database?.drop();
    },
  );
});
