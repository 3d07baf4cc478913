import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Identifiers of the request being served, attached to every log line written while serving it. */
export interface RequestContext {
  requestId: string;
  /** The end-to-end operation id; a client or upstream service may pass one in `X-Correlation-Id`. */
  correlationId: string;
  operationName?: string;
  officerId?: string;
  agencyId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request being served, or undefined outside a request. Mutable: fields can be added as they become known. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts an id passed in by a caller only if it is short and plain, so it is safe to log and echo. */
export function acceptIncomingId(value: string | string[] | undefined): string | undefined {
  const id = Array.isArray(value) ? value[0] : value;
  return id !== undefined && INCOMING_ID.test(id) ? id : undefined;
}

export function newRequestId(): string {
  return randomUUID();
}
