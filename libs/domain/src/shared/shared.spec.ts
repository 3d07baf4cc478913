import { SYSTEM_ACTOR, isSystemActor, requireRole } from './actor';
import { everyOf, requireDistinct } from './checks';
import { foldEvents, MissingContextError, requireContext } from './command';
import { calendarDateOf, isCalendarDate } from './dates';
import { checkMarkings, copyMarkings, isTlpWithin } from './markings';
import { formatPlace, parsePlace } from './places';
import { lookup } from './records';

describe('calendar dates', () => {
  it.each([
    ['2025-06-15', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-6-15', false],
    ['2025-06-15T00:00:00Z', false],
    ['', false],
  ])('%s is a calendar date: %s', (value, valid) => expect(isCalendarDate(value)).toBe(valid));
  it('takes the UTC date of an instant', () => {
    expect(calendarDateOf(new Date('2025-06-15T23:30:00-02:00'))).toBe('2025-06-16');
  });
});

describe('markings', () => {
  it('orders TLP from CLEAR to RED', () => {
    expect(isTlpWithin('AMBER', 'AMBER')).toBe(true);
    expect(isTlpWithin('AMBER_STRICT', 'AMBER')).toBe(false);
    expect(isTlpWithin('CLEAR', 'GREEN')).toBe(true);
    expect(isTlpWithin('RED', 'AMBER_STRICT')).toBe(false);
  });
  it('accepts H3 with its stated restriction', () => {
    expect(() => checkMarkings({ tlp: 'AMBER', handling: ['H1', 'H3'], handlingNote: 'not before trial' })).not.toThrow();
  });
  it('copies only set fields into plain objects', () => {
    class Input {
      tlp = 'GREEN' as const;
      handling = ['H0' as const];
      handlingNote = undefined;
    }
    const copy = copyMarkings(new Input());
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['tlp', 'handling']);
  });
});

describe('places', () => {
  it('round-trips CC and CC:City', () => {
    for (const place of [{ country: 'CN' }, { country: 'FR', city: 'Paris' }, { country: 'US', city: 'New York: Queens' }]) {
      expect(parsePlace(formatPlace(place))).toEqual(place);
    }
  });
});

describe('small checks', () => {
  it('finds only own keys', () => {
    expect(lookup({}, 'constructor')).toBeUndefined();
    expect(lookup({ constructor: 1 }, 'constructor')).toBe(1);
  });
  it('names repeated values', () => {
    expect(() => requireDistinct(['a', 'b', 'a'], 'list', 'rule.x')).toThrow('rule.x: list repeats a');
  });
  it('everyOf returns its list', () => {
    expect(everyOf<'a' | 'b'>()(['a', 'b'])).toEqual(['a', 'b']);
  });
  it('the system actor is recognised and holds no role', () => {
    expect(isSystemActor(SYSTEM_ACTOR)).toBe(true);
    expect(isSystemActor({ ...SYSTEM_ACTOR, agencyId: 'fr-ocreth' })).toBe(false);
    expect(() => requireRole(SYSTEM_ACTOR, ['AGENCY_ADMIN'], 'r')).toThrow(/^r: /);
  });
  it('folds and reports missing context as a programming error', () => {
    expect(foldEvents((sum: number, event: { type: string; n: number }) => sum + event.n, 0, [{ type: 'a', n: 1 }, { type: 'a', n: 2 }])).toBe(3);
    expect(() => requireContext(undefined, 'ShareCase', 'agreement')).toThrow(MissingContextError);
  });
});
