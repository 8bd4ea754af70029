/**
 * Attendance is proven per half-day: each participant signs every half-day, with its times and
 * content on the sheet. Hours attended come from the half-days a participant was present for.
 */
import type { HalfDay, Sector } from '../messages/domain.ts';
import { addDays } from './calendar.ts';
import { msOf } from './durations.ts';
import { conflict, forbidden, invalid, type Violation } from './violation.ts';
import { zonedDate, zonedInstant, zonedTime } from './zoned-time.ts';

/** Mornings end and afternoons start at these wall-clock times when a day spans lunch. */
const MORNING_ENDS = '12:30';
const AFTERNOON_STARTS = '13:30';

export interface Timed {
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
}

/**
 * A multi-day session runs each day from its first day's start time to its last day's end time
 * (e.g. "two days, 09:00–17:00"); each day splits into a morning and an afternoon around lunch.
 * A session shorter than a day is one stretch, dated on the day it starts, even when it runs past
 * midnight (an evening workshop from 22:00 to 01:00): read as "each day", it would have no hours.
 */
export function halfDaysOf(session: Timed): HalfDay[] {
  const start = new Date(session.startsAt);
  const end = new Date(session.endsAt);
  const firstDay = zonedDate(start, session.timeZone);
  const lastDay =
    end.getTime() - start.getTime() < msOf('1 day') ? firstDay : zonedDate(end, session.timeZone);
  const dailyStart = zonedTime(start, session.timeZone);
  const dailyEnd = zonedTime(end, session.timeZone);
  const halfDays: HalfDay[] = [];
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) {
    const from = zonedInstant(day, dailyStart, session.timeZone);
    const to = firstDay === lastDay ? end : zonedInstant(day, dailyEnd, session.timeZone);
    const lunchStart = zonedInstant(day, MORNING_ENDS, session.timeZone);
    const lunchEnd = zonedInstant(day, AFTERNOON_STARTS, session.timeZone);
    const spansLunch = from < lunchStart && to > lunchEnd;
    const slots: [HalfDay['period'], Date, Date][] = spansLunch
      ? [
          ['morning', from, lunchStart],
          ['afternoon', lunchEnd, to],
        ]
      : [[from < lunchStart ? 'morning' : 'afternoon', from, to]];
    for (const [period, slotStart, slotEnd] of slots) {
      if (slotEnd > slotStart) {
        halfDays.push({
          date: day,
          period,
          startsAt: slotStart.toISOString(),
          endsAt: slotEnd.toISOString(),
          content: session.title,
        });
      }
    }
  }
  return halfDays;
}

export const hoursOf = (halfDay: HalfDay): number =>
  (Date.parse(halfDay.endsAt) - Date.parse(halfDay.startsAt)) / 3_600_000;

/** Hours a participant attended, rounded to the quarter hour as the certificate shows them. */
export function hoursAttended(halfDays: HalfDay[], presence: boolean[]): number {
  const hours = halfDays.reduce((sum, halfDay, index) => sum + (presence[index] ? hoursOf(halfDay) : 0), 0);
  return Math.round(hours * 4) / 4;
}

export const hoursPlanned = (halfDays: HalfDay[]): number =>
  hoursAttended(
    halfDays,
    halfDays.map(() => true),
  );

/** Registration is mandatory everywhere but in education. */
export const registrationRequired = (sector: Sector): boolean => sector !== 'education';

export interface PresenceEntry {
  participantId: string;
  halfDays: boolean[];
}

export function checkAttendance(
  session: { status: string; startsAt: string },
  sector: Sector,
  participantIds: string[],
  halfDays: HalfDay[],
  presence: PresenceEntry[],
  now: Date,
  attendanceStatus = 'pending',
): Violation | null {
  if (session.status === 'cancelled') return conflict('SESSION_CANCELLED', 'This session was cancelled.');
  if (Date.parse(session.startsAt) > now.getTime()) {
    return conflict('SESSION_NOT_STARTED', 'Attendance can be recorded from the start of the session.');
  }
  if (['sheet_uploaded', 'compliant', 'non_compliant'].includes(attendanceStatus)) {
    return conflict(
      'ATTENDANCE_LOCKED',
      'The signed sheet is uploaded: the attendance it proves can no longer change.',
    );
  }
  if (registrationRequired(sector) && participantIds.length === 0) {
    return conflict(
      'ATTENDANCE_REQUIRES_PARTICIPANTS',
      'Register the participants first: outside education, attendance is recorded against registered participants.',
    );
  }
  const known = new Set(participantIds);
  const unknown = presence.find((entry) => !known.has(entry.participantId));
  if (unknown)
    return invalid(
      'UNKNOWN_PARTICIPANT',
      `No participant ${unknown.participantId} is registered on this session.`,
    );
  const wrongShape = presence.find((entry) => entry.halfDays.length !== halfDays.length);
  if (wrongShape) {
    return invalid(
      'HALF_DAYS_MISMATCH',
      `This session has ${halfDays.length} half-day(s): give one presence value per half-day.`,
    );
  }
  if (new Set(presence.map((entry) => entry.participantId)).size !== presence.length) {
    return invalid('DUPLICATE_PARTICIPANT', 'Each participant appears once in an attendance record.');
  }
  return null;
}

export function checkSignedSheet(attendanceStatus: string): Violation | null {
  if (attendanceStatus === 'signed')
    return conflict(
      'ATTENDANCE_SIGNED',
      "This session's attendance comes from its digital signatures: there is no paper sheet to upload.",
    );
  return attendanceStatus === 'pending'
    ? conflict('ATTENDANCE_NOT_RECORDED', 'Record the attendance before uploading the signed sheet.')
    : null;
}

export function checkSheetVerdict(
  attendanceStatus: string,
  verdict: { compliant: boolean; reason?: string },
  role: string,
): Violation | null {
  // The coordinator records attendance and uploads the sheet: someone else must judge it, or a
  // coordinator alone could vouch for hours (and surveys) that no one else has seen.
  if (verdict.compliant && role !== 'staff')
    return forbidden('STAFF_ONLY', "Only the association's staff may confirm a signed sheet.");
  if (verdict.compliant) {
    return attendanceStatus === 'sheet_uploaded' || attendanceStatus === 'non_compliant'
      ? null
      : conflict(
          'SHEET_NOT_UPLOADED',
          'Upload the signed attendance sheet before confirming it is complete.',
        );
  }
  if (role !== 'staff')
    return forbidden('STAFF_ONLY', "Only the association's staff may mark a sheet non-compliant.");
  if (!verdict.reason?.trim()) return invalid('REASON_REQUIRED', 'Say why the sheet is not compliant.');
  return attendanceStatus === 'pending'
    ? conflict('ATTENDANCE_NOT_RECORDED', 'There is no attendance to judge yet.')
    : null;
}
