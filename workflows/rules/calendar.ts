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

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: BUSINESS_TIME_ZONE,
  timeZoneName: 'longOffset',
});

/** Minutes Europe/Paris is ahead of UTC at an instant (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: Date): number {
  const name =
    offsetFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The instant of a wall-clock time in Europe/Paris on a calendar date, e.g. 09:00 on 2027-06-01. */
export function businessInstant(date: string, time: string): Date {
  const asUtc = new Date(`${date}T${time}:00Z`);
  const first = new Date(asUtc.getTime() - parisOffsetMinutes(asUtc) * 60_000);
  // Near a DST change the offset at the guess can differ from the offset at the answer.
  return new Date(asUtc.getTime() - parisOffsetMinutes(first) * 60_000);
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T12:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** The Europe/Paris calendar month (YYYY-MM) of an instant. */
export function businessMonth(instant: Date): string {
  return businessDate(instant).slice(0, 7);
}

/** The first day (YYYY-MM-DD) of the month after a calendar month (YYYY-MM). */
export function firstDayOfNextMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}-01`;
}

/** A calendar date as people read it in France: 23/11/2026. */
export function frenchDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}
