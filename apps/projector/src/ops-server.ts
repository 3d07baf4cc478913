import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthRegistry, LedgerMetrics } from '@ledger/platform';

/** A small HTTP server for operators: GET /health (200 ready, 503 not) and GET /metrics (Prometheus). */
export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

export async function startOpsServer(options: { host: string; port: number; health: HealthRegistry; metrics: LedgerMetrics }): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const answer = async (): Promise<void> => {
      if (request.method !== 'GET') {
        response.writeHead(405, { allow: 'GET' }).end();
      } else if (path === '/health') {
        const report = await options.health.report();
        response.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
      } else if (path === '/metrics') {
        const { contentType, body } = await options.metrics.exposition();
        response.writeHead(200, { 'content-type': contentType }).end(body);
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /health or /metrics\n');
      }
    };
    answer().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
