import { DomainError } from '@ledger/domain/shared/errors';
import { badInput, toApiError } from '../api-errors';

/** Translates the reader's paging errors into errors naming the `first` or `after` argument. */
export function pagingError(error: unknown): unknown {
  if (error instanceof DomainError && error.code === 'BAD_INPUT') {
    const field = error.rule === 'page.after-is-a-cursor' ? 'after' : 'first';
    return badInput(field, error.rule, error.message);
  }
  return toApiError(error);
}
