import { isCalendarDate } from '@ledger/domain';
import { IsISO31661Alpha2, IsUppercase, isUUID, Matches, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Id formats of the ledger:
 * - agencies and officers: lowercase slugs such as `fr-ocreth` or `fr-ocreth-jdupont`;
 * - cases, clues, agreements, facts and commands: UUIDs, chosen by the caller or derived by the
 *   server from the command id (so that a retried command names the same things).
 */
export const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && SLUG.test(value);
}

export const IsAgencyId = (options?: ValidationOptions) =>
  Matches(SLUG, { message: '$property must be an agency id: a lowercase slug of 2–63 letters, digits and dashes (e.g. fr-ocreth)', ...options });

export const IsOfficerId = (options?: ValidationOptions) =>
  Matches(SLUG, { message: '$property must be an officer id: a lowercase slug of 2–63 letters, digits and dashes', ...options });

/** YYYY-MM-DD, a real date. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isCalendarDate', validator: { validate: (value) => typeof value === 'string' && isCalendarDate(value), defaultMessage: () => '$property must be a calendar date YYYY-MM-DD' } },
    options,
  );

/** A date of birth as known: YYYY, YYYY-MM or YYYY-MM-DD. */
export const IsPartialDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPartialDate',
      validator: {
        validate: (value) =>
          typeof value === 'string' && (/^\d{4}$/.test(value) || (/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) || isCalendarDate(value)),
        defaultMessage: () => '$property must be YYYY, YYYY-MM or YYYY-MM-DD',
      },
    },
    options,
  );

/** An object mapping each recipient agency id to the agreement (UUID) it receives a clue under. */
export const IsAgreementMap = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isAgreementMap',
      validator: {
        validate: (value) =>
          value !== null &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.getPrototypeOf(value) === Object.prototype &&
          Object.keys(value).length > 0 &&
          Object.entries(value).every(([key, agreementId]) => isSlug(key) && isUUID(agreementId)),
        defaultMessage: () => '$property must map each recipient agency id to an agreement UUID, e.g. {"cn-mps-ocht": "<uuid>"}',
      },
    },
    options,
  );

/** ISO 3166-1 alpha-2, in capitals as the ledger stores it (FR, CN). */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return (target, property) => {
    IsISO31661Alpha2(options)(target, property as string);
    IsUppercase({ message: '$property must be written in capitals (e.g. FR)', ...options })(target, property as string);
  };
}
