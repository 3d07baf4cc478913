/**
 * What a clean refusal looks like: a JSON body, an HTTP status below 500, and every error with a
 * known `extensions.code` — never INTERNAL_SERVER_ERROR, never a stack trace or a source path.
 */

/** Codes a refusal of hostile input may carry. */
export const REFUSAL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
]);

export interface RawAnswer {
  status: number;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: Array<{ message?: unknown; extensions?: { code?: unknown; [key: string]: unknown } }> } | undefined;
  headers: Headers;
}

/** POSTs `body` (a string, sent as is) to /graphql. */
export async function postRaw(url: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  let json: RawAnswer['json'];
  try {
    json = JSON.parse(text) as RawAnswer['json'];
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

/** Why an answer is not clean, or null when it is: 5xx, non-JSON, an unknown or internal code, a leaked stack. */
export function uncleanBecause(answer: RawAnswer, allowed: ReadonlySet<string> = REFUSAL_CODES): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.json === undefined) return `non-JSON answer (HTTP ${answer.status}): ${answer.text.slice(0, 300)}`;
  if (/\bat [\w.<>]+ \(|\.ts:\d+|node_modules/.test(answer.text)) return `leaks a stack trace or source path: ${answer.text.slice(0, 300)}`;
  for (const error of answer.json.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !allowed.has(code)) return `error code ${String(code)}: ${String(error.message).slice(0, 300)}`;
  }
  return null;
}

/** The first error's code, `ok` for data without errors. */
export function codeOf(answer: RawAnswer): string {
  const code = answer.json?.errors?.[0]?.extensions?.code;
  return typeof code === 'string' ? code : answer.json?.errors === undefined && answer.status === 200 ? 'ok' : `HTTP_${answer.status}`;
}
