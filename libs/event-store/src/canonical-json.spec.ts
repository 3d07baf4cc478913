import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

/** The reference result, or the error it throws (compared by message). */
function outcome(serialize: (value: unknown) => string | undefined, value: unknown): { text?: string; error?: string } {
  try {
    return { text: serialize(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('canonicalJson', () => {
  it('produces exactly the bytes of the canonicalize package for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 500 },
    );
  });

  it('matches canonicalize (result or error) for arbitrary JavaScript values', () => {
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    });
    fc.assert(
      fc.property(anything, (value) => {
        expect(outcome(canonicalJson, value)).toEqual(outcome(canonicalize as (value: unknown) => string | undefined, value));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['integer-like keys, ordered as strings', { 10: 'a', 9: 'b', a: 1 }],
    ['a __proto__ member', JSON.parse('{"__proto__": {"x": 1}, "b": 2}') as unknown],
    ['negative zero and exponents', [-0, 1e21, 1e-7, 0.1 + 0.2]],
    ['unicode keys in UTF-16 order', { é: 1, e: 2, '𝄞': 3, 'ﬀ': 4, E: 5 }],
    ['lone surrogates and control characters', ['\ud800', '\u0000\u001f', '\u2028']],
    ['undefined members and array slots', { a: undefined, b: [undefined, 1] }],
    ['dates', { at: new Date(0) }],
  ])('handles %s like canonicalize', (_, value) => {
    expect(outcome(canonicalJson, value)).toEqual(outcome(canonicalize as (value: unknown) => string | undefined, value));
  });

  it('refuses non-finite numbers as canonicalize does', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('NaN is not allowed');
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow('Infinity is not allowed');
  });
});
