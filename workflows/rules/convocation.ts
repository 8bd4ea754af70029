/**
 * What a convocation lists (Code du travail L6353-8: the times, the trainers, whom to contact):
 * the session's days, each with its half-days, as the attendance sheet splits them.
 */
import type { ConvocationDetails, SessionEmailData } from '../messages/email.ts';
import { halfDaysOf } from './attendance.ts';

type HalfDay = ConvocationDetails['halfDays'][number];

export interface SessionDay {
  /** YYYY-MM-DD in the session's time zone. */
  date: string;
  startsAt: string;
  endsAt: string;
  /** Morning and afternoon, or the one half-day a short day has. */
  halfDays: HalfDay[];
}

/** The half-days grouped by calendar day, in order: one entry per day people come. */
export function sessionDays(halfDays: HalfDay[]): SessionDay[] {
  const sorted = [...halfDays].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const days: SessionDay[] = [];
  for (const halfDay of sorted) {
    const day = days.at(-1);
    if (day?.date === halfDay.date) {
      day.halfDays.push(halfDay);
      day.endsAt = halfDay.endsAt;
    } else
      days.push({
        date: halfDay.date,
        startsAt: halfDay.startsAt,
        endsAt: halfDay.endsAt,
        halfDays: [halfDay],
      });
  }
  return days;
}

/**
 * A convocation's details. A request scheduled before convocations carried them (an e-mail still
 * being retried across the release) gets what its session data says: the half-days from its
 * times, its kind from its positioning test (trainings have one), the starter offer of that kind,
 * the mode from its place, a paper sheet, the coordinator without an address, no trainers.
 */
export function convocationDetails(
  data: SessionEmailData & { positioningTest: boolean; details?: ConvocationDetails },
): Omit<ConvocationDetails, 'contact'> & { contact: { name: string; email: string | null } } {
  if (data.details) return data.details;
  return {
    kind: data.positioningTest ? 'training' : 'workshop',
    offer: null,
    halfDays: halfDaysOf({ ...data, title: data.sessionTitle }).map(({ date, period, startsAt, endsAt }) => ({
      date,
      period,
      startsAt,
      endsAt,
    })),
    mode: /^https?:\/\//i.test(data.place) ? 'online' : 'onsite',
    signing: 'paper',
    trainers: [],
    contact: { name: data.coordinatorName, email: null },
  };
}
