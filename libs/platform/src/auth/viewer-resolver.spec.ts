import { AuthError } from './auth-error';
import { bearerTokenOf } from './viewer-resolver';

describe('bearerTokenOf', () => {
  it('takes the token of a Bearer header, whatever the case of the scheme', () => {
    expect(bearerTokenOf('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerTokenOf('bearer  abc.def.ghi ')).toBe('abc.def.ghi');
  });

  it.each([
    [undefined, 'MISSING_TOKEN'],
    [null, 'MISSING_TOKEN'],
    ['   ', 'MISSING_TOKEN'],
    ['Bearer', 'MALFORMED_TOKEN'],
    ['Basic dXNlcjpwdw==', 'MALFORMED_TOKEN'],
    ['Bearer a b', 'MALFORMED_TOKEN'],
    ['abc.def.ghi', 'MALFORMED_TOKEN'],
  ])('refuses %p as %s', (header, reason) => {
    expect(() => bearerTokenOf(header)).toThrow(AuthError);
    try {
      bearerTokenOf(header);
    } catch (error) {
      expect((error as AuthError).reason).toBe(reason);
    }
  });
});
