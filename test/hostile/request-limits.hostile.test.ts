/**
 * Requests built to exhaust or confuse the server: very deep and very wide queries, long fragment
 * chains, thousands of aliases (queries and mutations), batched operations, huge and deeply nested
 * variables, oversized bodies, values of the wrong type, and malformed request shapes. Each must
 * get a clean refusal (known `extensions.code`, status below 500, no stack trace) — with the
 * expected code where one is named — the server must keep serving, and nothing may be written.
 */
import { randomUUID } from 'node:crypto';
import { codeOf, postRaw, type RawAnswer, uncleanBecause } from './support/clean-answers';
import { batch, type HostileLedger, InputTally, MARKINGS, startHostileLedger } from './support/hostile-ledger';

interface HostileRequest {
  name: string;
  /** The body as sent (a string, so malformed JSON can be sent too). */
  body: () => string;
  /** Who sends it: the partner's liaison officer unless stated. */
  as?: 'investigator';
  headers?: Record<string, string>;
  /** The code the refusal must carry; any clean refusal when omitted. */
  code?: string;
  status?: number;
  /** A control within the limits: serving it is right. */
  withinLimits?: boolean;
}

const OPEN_CASE = 'mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }';
const ONE_MIB = 1024 * 1024;

/** `{ me { agency { officers { agency { officers … } } } } }`: `levels` real fields deep. */
function deepRealQuery(levels: number): string {
  let selection = 'id';
  for (let level = 2; level < levels; level += 1) selection = level % 2 === 0 ? `officers { ${selection} }` : `agency { ${selection} }`;
  return `{ me { ${selection} } }`;
}

function requests(ledger: HostileLedger): HostileRequest[] {
  const clueId = ledger.clueId;
  const request = (query: string, variables?: unknown) => JSON.stringify({ query, variables });
  const openCase = (input: Record<string, unknown>) => request(OPEN_CASE, { input: { kind: 'SMUGGLING', title: 'Wrong types', markings: MARKINGS, ...input } });
  return [
    // depth
    { name: 'real fields 11 levels deep', body: () => request(deepRealQuery(11)), code: 'GRAPHQL_VALIDATION_FAILED', status: 400 },
    { name: 'real fields 300 levels deep', body: () => request(deepRealQuery(300)), code: 'GRAPHQL_VALIDATION_FAILED', status: 400 },
    { name: 'made-up fields 20 000 levels deep', body: () => request(`{${'a {'.repeat(20_000)} b ${'}'.repeat(20_001)}`), status: 400 },
    { name: 'fragment chain of 20', body: () => request(fragmentChain(20)), withinLimits: true },
    { name: 'fragment chain of 3 000', body: () => request(fragmentChain(3000)), status: 400 },
    { name: 'cyclic fragments', body: () => request('{ me { ...A } } fragment A on Officer { agency { officers { ...B } } } fragment B on Officer { ...A }'), code: 'GRAPHQL_VALIDATION_FAILED', status: 400 },
    // width
    { name: '1 000 repeated fields', body: () => request(`{ me { ${'id '.repeat(1000)}} }`) },
    { name: '100 000 repeated fields', body: () => request(`{ me { ${'id '.repeat(100_000)}} }`), status: 400 },
    { name: '300 000 repeated fields (just under the body limit)', body: () => request(`{ me { ${'id '.repeat(300_000)}} }`), status: 400 },
    { name: '2 000 aliases of a query', body: () => request(`{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`), code: 'GRAPHQL_VALIDATION_FAILED', status: 400 },
    { name: '10 000 aliases of a query', body: () => request(`{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`), status: 400 },
    {
      name: '2 000 aliases of a mutation',
      // Over the parser's token limit: refused before validation even starts.
      body: () => request(`mutation { ${Array.from({ length: 2000 }, (_, i) => `a${i}: acknowledgeClue(input: { clueId: "${clueId}" }) { id }`).join(' ')} }`),
      code: 'GRAPHQL_PARSE_FAILED',
      status: 400,
    },
    { name: '20 000 directives on one field', body: () => request(`{ me ${'@include(if: true) '.repeat(20_000)}{ id } }`), status: 400 },
    // batching
    { name: 'a batch of 2 operations', body: () => JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]), code: 'BAD_REQUEST', status: 400 },
    { name: 'a batch of 1 000 operations', body: () => JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ me { id } }' }))), code: 'BAD_REQUEST', status: 400 },
    { name: 'an empty batch', body: () => '[]', status: 400 },
    { name: 'a deeply nested JSON array as the body', body: () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`, status: 400 },
    // size
    { name: 'variables with 100 000 keys', body: () => request('{ me { id } }', Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]))) },
    { name: 'a 900 KB title', as: 'investigator', body: () => openCase({ title: 'x'.repeat(900 * 1024) }), code: 'BAD_USER_INPUT' },
    { name: 'an input value nested 50 000 arrays deep', as: 'investigator', body: () => `{"query":${JSON.stringify(OPEN_CASE)},"variables":{"input":{"title":${'['.repeat(50_000)}${']'.repeat(50_000)}}}}`, code: 'BAD_USER_INPUT', status: 400 },
    { name: 'a 2 MiB body', body: () => request('{ me { id } }', { padding: 'x'.repeat(2 * ONE_MIB) }), code: 'PAYLOAD_TOO_LARGE', status: 413 },
    // wrong types
    { name: 'a number for a String', as: 'investigator', body: () => openCase({ title: 42 }), code: 'BAD_USER_INPUT', status: 400 },
    { name: 'an unknown enum value', as: 'investigator', body: () => openCase({ kind: 'PIRACY' }), code: 'BAD_USER_INPUT', status: 400 },
    { name: 'a string for an input object', as: 'investigator', body: () => openCase({ markings: 'AMBER' }), code: 'BAD_USER_INPUT', status: 400 },
    { name: 'a number in a list of enums', as: 'investigator', body: () => openCase({ markings: { tlp: 'AMBER', handling: [1] } }), code: 'BAD_USER_INPUT', status: 400 },
    { name: 'null for a required field', as: 'investigator', body: () => openCase({ kind: null }), code: 'BAD_USER_INPUT', status: 400 },
    { name: 'an unknown input field', as: 'investigator', body: () => openCase({ ownerAgencyId: ledger.partner.agencyId }), code: 'BAD_USER_INPUT', status: 400 },
    { name: 'a __proto__ input field', as: 'investigator', body: () => `{"query":${JSON.stringify(OPEN_CASE)},"variables":{"input":{"kind":"SMUGGLING","title":"t","markings":{"tlp":"AMBER","handling":[]},"__proto__":{"admin":true}}}}`, code: 'BAD_USER_INPUT', status: 400 },
    { name: 'an object for an ID', body: () => request('query($id: ID!) { case(id: $id) { id } }', { id: { $ne: null } }), code: 'BAD_USER_INPUT', status: 400 },
    { name: 'a string for an Int', body: () => request('query($n: Int) { cases(first: $n) { edges { node { id } } } }', { n: '20' }), code: 'BAD_USER_INPUT', status: 400 },
    { name: 'an Int above 2^31', body: () => request('query($n: Int) { cases(first: $n) { edges { node { id } } } }', { n: 2 ** 31 }), code: 'BAD_USER_INPUT', status: 400 },
    { name: 'a page size above the maximum', body: () => request('{ cases(first: 100000) { edges { node { id } } } }'), status: 400 },
    { name: 'a negative page size', body: () => request('{ cases(first: -1) { edges { node { id } } } }'), code: 'BAD_USER_INPUT' },
    { name: 'a forged cursor', body: () => request('{ cases(first: 5, after: "\' OR 1=1 --") { edges { node { id } } } }'), code: 'BAD_USER_INPUT' },
    { name: 'a number beyond Float', as: 'investigator', body: () => `{"query":"mutation($input: RecordMoneyFlowInput!) { recordMoneyFlow(input: $input) { id } }","variables":{"input":{"caseId":"${ledger.caseId}","fromAccount":"a","toAccount":"b","amount":1e400,"currency":"EUR","date":"2025-01-01","channel":"c","markings":${JSON.stringify(MARKINGS)}}}}`, code: 'BAD_USER_INPUT', status: 400 },
    { name: 'a date that does not exist', as: 'investigator', body: () => request('mutation($input: RecordMoneyFlowInput!) { recordMoneyFlow(input: $input) { id } }', { input: { caseId: ledger.caseId, fromAccount: 'a', toAccount: 'b', amount: 10, currency: 'EUR', date: '2025-02-30', channel: 'c', markings: MARKINGS } }), code: 'BAD_USER_INPUT' },
    // request shapes
    { name: 'query is a number', body: () => JSON.stringify({ query: 42 }), status: 400 },
    { name: 'query is an object', body: () => JSON.stringify({ query: { kind: 'Document' } }), status: 400 },
    { name: 'no query', body: () => JSON.stringify({ variables: {} }), status: 400 },
    { name: 'variables is a string', body: () => JSON.stringify({ query: '{ me { id } }', variables: '{}' }), status: 400 },
    { name: 'variables is an array', body: () => JSON.stringify({ query: '{ me { id } }', variables: [1] }), status: 400 },
    { name: 'an operation name that is not in the document', body: () => JSON.stringify({ query: 'query A { me { id } }', operationName: 'B' }), status: 400 },
    { name: 'two anonymous operations', body: () => request('{ me { id } } { me { id } }'), code: 'GRAPHQL_VALIDATION_FAILED', status: 400 },
    { name: 'a persisted query hash', body: () => JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }), code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
    { name: 'a subscription over HTTP', body: () => request('subscription { clueReceived { id } }'), status: 400 },
    { name: 'a text/plain body (CSRF)', body: () => request('{ me { id } }'), headers: { 'content-type': 'text/plain' }, status: 400 },
    { name: 'an unsupported charset', body: () => request('{ me { id } }'), headers: { 'content-type': 'application/json; charset=koi8-r' }, status: 415 },
  ];
}

/** `{ me { ...F0 } }` with F0 spreading F1 … spreading F(n-1): a chain n fragments long, 2 levels deep. */
function fragmentChain(length: number): string {
  const fragments = Array.from({ length }, (_, i) => `fragment F${i} on Officer { id ${i < length - 1 ? `...F${i + 1}` : ''} }`);
  return `{ me { ...F0 } } ${fragments.join(' ')}`;
}

describe('requests built to exhaust or confuse the server', () => {
  let ledger: HostileLedger;
  const tally = new InputTally('request limits');

  beforeAll(async () => {
    ledger = await startHostileLedger();
  }, 120_000);

  afterAll(async () => {
    tally.print();
    await ledger?.api.stop();
  });

  it('refuses each cleanly, with the expected code, keeps serving and writes nothing', async () => {
    const problems: string[] = [];
    const timings: string[] = [];
    await batch(ledger, tally, 'deep, wide, batched, huge, wrongly typed and malformed requests', async () => {
      const all = requests(ledger);
      for (const hostile of all) {
        const officer = hostile.as === 'investigator' ? ledger.owner.investigators[0] : ledger.partner.liaison;
        const started = performance.now();
        let answer: RawAnswer;
        try {
          answer = await postRaw(ledger.api.url, hostile.body(), { authorization: `Bearer ${officer.token}`, ...hostile.headers });
        } catch (error) {
          problems.push(`${hostile.name}: no answer (${String(error)})`);
          continue;
        }
        timings.push(`  ${String(Math.round(performance.now() - started)).padStart(6)} ms  ${hostile.name}: HTTP ${answer.status} ${codeOf(answer)}`);
        const unclean = uncleanBecause(answer);
        if (unclean !== null) problems.push(`${hostile.name}: ${unclean}`);
        else if (codeOf(answer) === 'ok') {
          if (!hostile.withinLimits) problems.push(`${hostile.name}: accepted`);
        } else if (hostile.withinLimits) problems.push(`${hostile.name}: refused (${codeOf(answer)}) although within the limits`);
        else if (hostile.code !== undefined && codeOf(answer) !== hostile.code) problems.push(`${hostile.name}: ${codeOf(answer)} instead of ${hostile.code}`);
        else if (hostile.status !== undefined && answer.status !== hostile.status) problems.push(`${hostile.name}: HTTP ${answer.status} instead of ${hostile.status}`);
      }
      return all.length;
    });
    process.stderr.write(`\nrequest limits: time to answer each hostile request\n${timings.join('\n')}\n`);
    expect(problems).toEqual([]);
  }, 180_000);

  it('refuses a chunked body above the limit without reading it all', async () => {
    await batch(ledger, tally, 'chunked oversized body', async () => {
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) controller.enqueue(new TextEncoder().encode('{"query":"{ me { id } }","variables":{"p":"'));
          sent += chunk.length;
          if (sent > 4 * ONE_MIB) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const response = await fetch(`${ledger.api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ledger.partner.liaison.token}` },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      const json = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect({ status: response.status, code: json.errors[0].extensions.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
      return 1;
    });
  }, 60_000);

  it('refuses mutations sent with GET and operations sent with other methods', async () => {
    await batch(ledger, tally, 'wrong HTTP methods', async () => {
      const auth = { authorization: `Bearer ${ledger.owner.investigators[0].token}`, 'apollo-require-preflight': 'true' };
      const mutation = encodeURIComponent(`mutation { openCase(input: { caseId: "${randomUUID()}", kind: SMUGGLING, title: "via GET", markings: { tlp: GREEN, handling: [H0] } }) { id } }`);
      const get = await fetch(`${ledger.api.url}/graphql?query=${mutation}`, { headers: auth });
      expect(get.status).toBeGreaterThanOrEqual(400);
      expect(get.status).toBeLessThan(500);
      for (const method of ['PUT', 'DELETE', 'PATCH']) {
        const response = await fetch(`${ledger.api.url}/graphql`, { method, headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query: '{ me { id } }' }) });
        await response.arrayBuffer();
        expect({ method, status: response.status >= 400 && response.status < 500 }).toEqual({ method, status: true });
      }
      return 4;
    });
  }, 60_000);
});
