export interface GraphqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; field?: string; rule?: string; [key: string]: unknown };
}

/** One answer as the client saw it: HTTP status (0 when no answer came), body, and how long it took. */
export interface GraphqlAnswer<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: GraphqlError[];
  /** Milliseconds from sending to the parsed answer (or the failure). */
  ms: number;
  /** Why no HTTP answer came: connection refused or reset, timeout. */
  transportError?: string;
}

/** What an answer amounts to: `ok`, the first error's `extensions.code`, `HTTP_<status>` or `TRANSPORT`. */
export function outcomeOf(answer: GraphqlAnswer<unknown>): string {
  if (answer.transportError !== undefined) return 'TRANSPORT';
  const code = answer.errors?.[0]?.extensions?.code;
  if (code !== undefined) return String(code);
  if (answer.errors !== undefined && answer.errors.length > 0) return 'UNCODED_ERROR';
  if (answer.status !== 200) return `HTTP_${answer.status}`;
  return 'ok';
}

/** What went wrong, in words: the first error's message or the transport failure; undefined for a success. */
export function problemOf(answer: GraphqlAnswer<unknown>): string | undefined {
  if (answer.transportError !== undefined) return answer.transportError;
  return answer.errors?.[0]?.message;
}

/** Whether the server failed (as opposed to refusing the request): HTTP 5xx or a server-side error code. */
export function isServerFailure(answer: GraphqlAnswer<unknown>): boolean {
  return answer.status >= 500 || (answer.errors ?? []).some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
}

export interface GraphqlClientOptions {
  /** Give up on an answer after this long (reported as a transport error); default 60 s. */
  timeoutMs?: number;
}

/** A GraphQL-over-HTTP client for one API server, with bearer tokens; never throws for an answer. */
export class GraphqlClient {
  private readonly timeoutMs: number;

  constructor(
    readonly url: string,
    options: GraphqlClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  async request<T = Record<string, any>>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer<T>> {
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      return { status: 0, ms: performance.now() - started, transportError: describeTransportError(error) };
    }
    const ms = performance.now() - started;
    try {
      const body = JSON.parse(text) as { data?: T | null; errors?: GraphqlError[] };
      return { status: response.status, ms, ...body };
    } catch {
      return { status: response.status, ms, errors: [{ message: `non-JSON answer: ${text.slice(0, 200)}`, extensions: { code: `HTTP_${response.status}` } }] };
    }
  }

  /** GET /health: whether the server answers ready. */
  async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(this.timeoutMs) });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  }
}

function describeTransportError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error.name === 'TimeoutError') return 'timeout';
  return cause?.code ?? cause?.message ?? error.message;
}
