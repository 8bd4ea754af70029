/** Calendar rules are French: "today" and "this month" are read in Europe/Paris. */
export const BUSINESS_TIME_ZONE = 'Europe/Paris';

const parisDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/Paris calendar date (YYYY-MM-DD) of an instant. */
export function businessDate(instant: Date): string {
  return parisDate.format(instant);
}
