import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { type InputIssue, InputValidationError } from '../errors';
import { malformedTextPaths, WELL_FORMED_TEXT_MESSAGE, WELL_FORMED_TEXT_RULE } from './well-formed-text';

type InputClass<T> = new () => T;

/**
 * Turns untrusted input into a validated instance of `Class`, or throws an InputValidationError
 * listing every field path and the rule it broke. Unknown fields are refused too, so a caller
 * cannot slip in what the ledger decides itself (e.g. a personal field's data category).
 */
export function validateInput<T extends object>(Class: InputClass<T>, plain: unknown): T {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new InputValidationError(Class.name, [{ path: '(input)', rule: 'isObject', message: 'must be an object' }]);
  }
  const malformed = malformedTextPaths(plain);
  if (malformed.length > 0) {
    throw new InputValidationError(Class.name, malformed.map((path) => ({ path, rule: WELL_FORMED_TEXT_RULE, message: WELL_FORMED_TEXT_MESSAGE })));
  }
  const instance = plainToInstance(Class, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length > 0) throw new InputValidationError(Class.name, flatten(errors));
  return instance;
}

function flatten(errors: ValidationError[], prefix = ''): InputIssue[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ path, rule, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
