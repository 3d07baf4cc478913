/** Calendar dates (YYYY-MM-DD, UTC) as agreements and money flows carry them. */
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (rejects 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The UTC calendar date of an instant. */
export function calendarDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
