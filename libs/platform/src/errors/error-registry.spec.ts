import { ErrorCodeRegistry, errorCodes } from './error-registry';
import { ConflictError, InputError, NotFoundError, UnavailableError } from './ledger-errors';

class RuleViolation extends Error {
  readonly code = 'RULE_VIOLATION';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field} ${rule}`);
  }
}

describe('ErrorCodeRegistry', () => {
  it('maps registered library codes to public codes and keeps the message, field and rule', () => {
    const registry = new ErrorCodeRegistry({ RULE_VIOLATION: 'BAD_USER_INPUT' });
    expect(registry.classify(new RuleViolation('input.tlp', 'must be one of CLEAR, GREEN, AMBER, AMBER_STRICT, RED'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'input.tlp must be one of CLEAR, GREEN, AMBER, AMBER_STRICT, RED',
      details: { field: 'input.tlp', rule: 'must be one of CLEAR, GREEN, AMBER, AMBER_STRICT, RED' },
    });
  });

  it('maps the platform errors to their own codes without registration', () => {
    const registry = new ErrorCodeRegistry();
    expect(registry.classify(new InputError('input.title', 'must not be empty')).code).toBe('BAD_USER_INPUT');
    expect(registry.classify(new NotFoundError('case', 'c-1'))).toMatchObject({ code: 'NOT_FOUND', message: 'case c-1 not found' });
    expect(registry.classify(new ConflictError('clue c-1 was accepted already')).code).toBe('CONFLICT');
    expect(registry.classify(new UnavailableError('read store down', 'READ_STORE_UNAVAILABLE'))).toMatchObject({ code: 'STORE_UNAVAILABLE', details: { reason: 'READ_STORE_UNAVAILABLE' } });
  });

  it('hides everything else behind INTERNAL_SERVER_ERROR with a generic message', () => {
    const registry = new ErrorCodeRegistry();
    for (const error of [new Error('secret detail'), Object.assign(new Error('x'), { code: 'EACCES' }), 'a string', { code: 'BAD_USER_INPUT', message: 'not an Error' }, null]) {
      expect(registry.classify(error)).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', details: {} });
    }
  });

  it('answers STORE_UNAVAILABLE, without the driver\'s message, for a database that cannot be reached', () => {
    const registry = new ErrorCodeRegistry();
    const unreachable = [
      Object.assign(new Error('read ECONNRESET 10.0.0.7:5432'), { code: 'ECONNRESET' }),
      Object.assign(new Error('the database system is shutting down'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      new Error('Connection terminated unexpectedly'),
      new Error('wrapped', { cause: new Error('timeout expired') }),
    ];
    for (const error of unreachable) {
      expect(registry.classify(error)).toEqual({ code: 'STORE_UNAVAILABLE', message: 'The ledger database is unavailable; retry later', details: { reason: 'DATABASE_UNREACHABLE' } });
    }
  });

  it('knows the event store codes in the shared registry', () => {
    expect(errorCodes.publicCodeOf('WRONG_EXPECTED_REVISION')).toBe('CONFLICT');
    expect(errorCodes.publicCodeOf('EVENT_TOO_LARGE')).toBe('BAD_USER_INPUT');
    expect(errorCodes.publicCodeOf('INVALID_EVENT')).toBeUndefined();
  });

  it('refuses to map one code to two public codes, or to a code that is not public', () => {
    const registry = new ErrorCodeRegistry({ DUPLICATE: 'CONFLICT' });
    expect(() => registry.register({ DUPLICATE: 'CONFLICT' })).not.toThrow();
    expect(() => registry.register({ DUPLICATE: 'NOT_FOUND' })).toThrow('error code DUPLICATE is already mapped to CONFLICT, cannot map it to NOT_FOUND');
    expect(() => registry.register({ ODD: 'TEAPOT' as never })).toThrow('error code ODD: TEAPOT is not a public error code');
  });
});
