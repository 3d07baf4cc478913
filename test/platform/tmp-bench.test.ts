import autocannon from 'autocannon';
import { startTestServer } from './server-harness';
it('bench', async () => {
  const server = await startTestServer({ env: { LEDGER_LOG_LEVEL: 'warn' }, server: { publicRootFields: ['echo'] } });
  const token = await server.tokenFor('off-fr-1');
  const run = async (name: string, opts: Record<string, unknown>) => {
    const result = await autocannon({ connections: 10, duration: 5, ...opts } as never);
    console.log(name, 'req/s avg', result.requests.average, 'p50 ms', result.latency.p50, 'p99 ms', result.latency.p99, 'non2xx', result.non2xx);
  };
  await run('GET /health/live', { url: `${server.url}/health/live` });
  await run('graphql anonymous public', { url: `${server.url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ echo(text: "x") }' }) });
  await run('graphql authenticated', { url: `${server.url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ echo(text: "x") }' }) });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 2000; i++) await server.tokens.verify(token);
  console.log('verify µs each', Number(process.hrtime.bigint() - t0) / 2000 / 1000);
  await server.close();
}, 60000);
