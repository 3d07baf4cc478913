import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON, byte for byte what the `canonicalize` package produces, about twice as
 * fast on event payloads: plain data (what JSON.parse yields, what events carry) is copied with
 * its keys sorted and handed to the native JSON.stringify, which then emits exactly the canonical
 * form. Anything JSON.stringify would render differently — non-finite numbers, functions,
 * symbols, bigints, toJSON, class instances, sparse arrays, integer-like keys (which JavaScript
 * objects always enumerate first), a `__proto__` key — takes the `canonicalize` path instead, errors included.
 */
export function canonicalJson(value: unknown): string | undefined {
  const sorted = sortedCopy(value);
  return sorted === UNSUPPORTED ? canonicalize(value) : JSON.stringify(sorted);
}

const UNSUPPORTED = Symbol('unsupported');
const INTEGER_LIKE_KEY = /^(?:0|[1-9]\d*)$/;

function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : UNSUPPORTED;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return sortedArray(value);
      const prototype = Object.getPrototypeOf(value) as unknown;
      if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return UNSUPPORTED;
      return sortedObject(value as Record<string, unknown>);
    }
    default:
      return UNSUPPORTED;
  }
}

function sortedArray(items: unknown[]): unknown {
  const copy = new Array<unknown>(items.length);
  for (let index = 0; index < items.length; index += 1) {
    if (!(index in items)) return UNSUPPORTED;
    const item = sortedCopy(items[index]);
    if (item === UNSUPPORTED) return UNSUPPORTED;
    copy[index] = item;
  }
  return copy;
}

function sortedObject(object: Record<string, unknown>): unknown {
  const keys = Object.keys(object).sort();
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    // Assigning "__proto__" would set the copy's prototype instead of copying the member.
    if (INTEGER_LIKE_KEY.test(key) || key === '__proto__') return UNSUPPORTED;
    const raw = object[key];
    // Both serializers leave out undefined and symbol members.
    if (raw === undefined || typeof raw === 'symbol') continue;
    const item = sortedCopy(raw);
    if (item === UNSUPPORTED) return UNSUPPORTED;
    copy[key] = item;
  }
  return copy;
}
