import { get } from 'node:http';
import { ShutdownRegistry } from '@ledger/platform';
import { LedgerApiServer } from '../../apps/api/src/server/ledger-api-server';
import { startTestServer, subscribe } from './server-harness';

/** Resolves true when a fresh TCP connection to the server is refused. */
function refusesNewConnections(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(`${url}/health/live`, { agent: false }, (response) => {
      response.resume();
      resolve(false);
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('graceful shutdown', () => {
  it('stops accepting, lets in-flight requests finish, closes WebSockets, then runs shutdown callbacks', async () => {
    const server = await startTestServer();
    const apiServer = server.app.get(LedgerApiServer);
    const seenByCallback: Array<{ inFlight: number; resolverFinished: boolean }> = [];
    server.app.get(ShutdownRegistry).register('access-log-flush', () => {
      seenByCallback.push({ inFlight: apiServer.inFlight.size, resolverFinished: server.gate.passed === 1 });
    });

    // A live subscription…
    let wsClose: { code: number; reason: string } | undefined;
    const client = server.wsClient({ Authorization: `Bearer ${await server.tokenFor('off-fr-1')}` }, (event) => (wsClose = { code: event.code, reason: event.reason }));
    subscribe(client, 'subscription { messages { text } }');
    while (!server.resolverCalls.includes('messages')) await new Promise((resolve) => setTimeout(resolve, 10));

    // …and a request in the middle of its resolver.
    const inFlight = server.graphql({ query: '{ wait }' }, { authorization: `Bearer ${await server.tokenFor('off-fr-1')}` });
    await server.gate.whenEntered();

    const closing = server.app.close();
    while (!(await refusesNewConnections(server.url))) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seenByCallback).toEqual([]);

    server.gate.open();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: { wait: 'released' } });

    await closing;
    expect(wsClose).toEqual({ code: 1001, reason: 'Server shutting down' });
    expect(seenByCallback).toEqual([{ inFlight: 0, resolverFinished: true }]);
    const lines = server.logLines().map((line) => line.msg);
    expect(lines.indexOf('shutting down: refusing new connections, draining requests')).toBeLessThan(lines.indexOf('shutdown complete'));

    await client.dispose();
    await server.close();
  });

  it('closes connections whose requests outlive the grace period, and still runs the callbacks', async () => {
    const server = await startTestServer({ server: { shutdownGraceMs: 200 } });
    let callbackRan = false;
    server.app.get(ShutdownRegistry).register('flush', () => {
      callbackRan = true;
    });
    const stuck = server.graphql({ query: '{ wait }' }, { authorization: `Bearer ${await server.tokenFor('off-fr-1')}` }).then(
      () => 'answered',
      () => 'connection closed',
    );
    await server.gate.whenEntered();
    await server.app.close();
    expect(await stuck).toBe('connection closed');
    expect(callbackRan).toBe(true);
    expect(server.logLines().some((line) => line.msg === 'requests still running after the grace period; closing their connections')).toBe(true);
    server.gate.open();
    await server.close();
  });
});
