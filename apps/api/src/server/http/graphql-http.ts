import { runWithRequestContext } from '@ledger/platform';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { exchangeOf } from './request-tracking';

/** A JSON error body shaped like a GraphQL response, for requests refused before GraphQL sees them. */
function refuse(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * Parses JSON bodies up to `maxBodyBytes` and answers body problems itself: 413 for an oversized
 * body (before reading it when Content-Length says so), 400 for malformed JSON, 415 for an
 * unsupported charset or encoding.
 */
export function jsonBody(maxBodyBytes: number): RequestHandler[] {
  const parse = express.json({ limit: maxBodyBytes });
  const explain = (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      refuse(res, 413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${maxBodyBytes} bytes (LEDGER_MAX_BODY_BYTES)`, { limitBytes: maxBodyBytes });
    } else if (type === 'entity.parse.failed') {
      refuse(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');
    } else if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
      refuse(res, 415, 'BAD_REQUEST', 'Request body charset or content encoding is not supported');
    } else {
      next(error);
    }
  };
  // Apollo's middleware insists on `req.body` being present; GET requests and non-JSON bodies have none.
  const ensureBody = (req: Request, _res: Response, next: NextFunction): void => {
    if (!('body' in req)) (req as { body?: unknown }).body = undefined;
    next();
  };
  return [parse, explain as unknown as RequestHandler, ensureBody];
}

/** Refuses batched requests (a JSON array of operations) longer than `maxBatchSize`; 1 disables batching. */
export function batchLimit(maxBatchSize: number): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (!Array.isArray(body)) return next();
    if (maxBatchSize <= 1) {
      return refuse(res, 400, 'BAD_REQUEST', 'Batched requests are not accepted: send one operation per request (LEDGER_GRAPHQL_MAX_BATCH_SIZE is 1)', { maxBatchSize });
    }
    if (body.length > maxBatchSize) {
      return refuse(res, 400, 'BAD_REQUEST', `Batched request holds ${body.length} operations; the maximum is ${maxBatchSize} (LEDGER_GRAPHQL_MAX_BATCH_SIZE)`, { maxBatchSize });
    }
    next();
  };
}

/** A browser opening /graphql is sent to the explorer. */
export function explorerRedirect(explorerPath: string): RequestHandler {
  return (req, res, next) => {
    const wantsPage = req.method === 'GET' && req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html';
    if (wantsPage) return res.redirect(302, explorerPath);
    next();
  };
}

/**
 * Re-enters the request's logging context: body parsing resumes on stream events, which run
 * outside the context the tracking middleware opened.
 */
export function reenterRequestContext(): RequestHandler {
  return (_req, res, next) => {
    const exchange = exchangeOf(res);
    if (exchange === undefined) return next();
    runWithRequestContext(exchange.context, next);
  };
}
