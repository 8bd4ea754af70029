/** A day and an hour typed in a form, in the session's time zone, to the instant the API takes, and back. */
import { zonedDate, zonedInstant, zonedTime } from '../workflows/rules/zoned-time.ts';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HOUR = /^([01]\d|2[0-3]):[0-5]\d$/;

export const isDay = (value: string): boolean => DAY.test(value) && !Number.isNaN(Date.parse(value));
export const isHour = (value: string): boolean => HOUR.test(value);

export function instant(day: string, hour: string, timeZone = DEFAULT_TIME_ZONE): string {
  return zonedInstant(day, hour, timeZone).toISOString();
}

/** The day (YYYY-MM-DD) and hour (HH:MM) of an instant, as a form shows them. */
export function dayAndHour(iso: string, timeZone = DEFAULT_TIME_ZONE): { day: string; hour: string } {
  const at = new Date(iso);
  return { day: zonedDate(at, timeZone), hour: zonedTime(at, timeZone) };
}
