import { EventEmitter } from 'node:events';
import { acceptIncomingId, newRequestId, runWithRequestContext, type LedgerMetrics, type Logger, type RequestContext } from '@ledger/platform';
import type { NextFunction, Request, Response } from 'express';

/** What the server learns about one HTTP request while serving it; kept in `res.locals.ledger`. */
export interface HttpExchange {
  context: RequestContext;
  startedAt: bigint;
  /** Filled in by the GraphQL layer. */
  graphql?: { operationName: string | null; type: string; outcome: string };
}

export function exchangeOf(res: Response): HttpExchange | undefined {
  return (res.locals as { ledger?: HttpExchange }).ledger;
}

/** Counts requests being served, so shutdown can wait for them. */
export class InFlightRequests {
  private count = 0;
  private readonly idle = new EventEmitter();

  get size(): number {
    return this.count;
  }

  begin(): void {
    this.count += 1;
  }

  end(): void {
    this.count -= 1;
    if (this.count === 0) this.idle.emit('idle');
  }

  /** Resolves true once no request is in flight, or false after `timeoutMs`. */
  waitForIdle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onIdle = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idle.off('idle', onIdle);
        resolve(false);
      }, timeoutMs);
      this.idle.once('idle', onIdle);
    });
  }
}

/** Routes with their own metric label; anything else is labelled by its Express route pattern or `unmatched`. */
const KNOWN_ROUTES = ['/graphql', '/health/live', '/health/ready', '/health', '/metrics', '/explorer/assets', '/explorer'];
/** Probed every few seconds by orchestrators and scrapers: logged at debug level only. */
const QUIET_ROUTES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * First middleware of every request: assigns the request id (or accepts a caller's plain
 * `X-Request-Id`) and correlation id (`X-Correlation-Id`, default the request id), echoes both,
 * counts the request in flight, and when the response ends writes one access-log line and the
 * HTTP metrics.
 */
export function requestTracking(logger: Logger, metrics: LedgerMetrics, inFlight: InFlightRequests) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = acceptIncomingId(req.headers['x-request-id']) ?? newRequestId();
    const correlationId = acceptIncomingId(req.headers['x-correlation-id']) ?? requestId;
    const exchange: HttpExchange = { context: { requestId, correlationId }, startedAt: process.hrtime.bigint() };
    (res.locals as { ledger?: HttpExchange }).ledger = exchange;
    res.setHeader('x-request-id', requestId);
    res.setHeader('x-correlation-id', correlationId);

    inFlight.begin();
    res.once('close', () => {
      inFlight.end();
      const seconds = Number(process.hrtime.bigint() - exchange.startedAt) / 1e9;
      const route = routeLabel(req);
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.httpRequestDuration.observe({ method: req.method, route }, seconds);
      const level = QUIET_ROUTES.has(route) ? 'debug' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        ...exchange.context,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Math.round(seconds * 10000) / 10,
        ...(exchange.graphql === undefined ? {} : { graphql: exchange.graphql }),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      logger[level](line, 'http request');
    });
    runWithRequestContext(exchange.context, next);
  };
}

function routeLabel(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  const known = KNOWN_ROUTES.find((route) => req.path === route || req.path.startsWith(`${route}/`));
  if (known !== undefined) return known;
  return typeof pattern === 'string' ? pattern : 'unmatched';
}
