import type { HealthRegistry, LedgerMetrics } from '@ledger/platform';
import { Router } from 'express';

/**
 * - GET /health        readiness report with every check (200 when ready, 503 otherwise)
 * - GET /health/ready  the same
 * - GET /health/live   200 while the process answers
 * - GET /metrics       Prometheus text exposition
 * Unauthenticated, like any probe; they reveal no ledger data.
 */
export function healthAndMetricsRoutes(health: HealthRegistry, metrics: LedgerMetrics): Router {
  const router = Router();
  const readiness = async (_req: unknown, res: import('express').Response): Promise<void> => {
    const report = await health.report();
    res.status(report.ready ? 200 : 503).setHeader('cache-control', 'no-store').json(report);
  };
  router.get('/health', readiness);
  router.get('/health/ready', readiness);
  router.get('/health/live', (_req, res) => {
    res.setHeader('cache-control', 'no-store').json({ status: 'ok', live: true });
  });
  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.exposition();
    res.status(200).setHeader('content-type', contentType).setHeader('cache-control', 'no-store').send(body);
  });
  return router;
}
