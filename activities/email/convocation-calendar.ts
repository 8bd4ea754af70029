/**
 * The convocation's calendar file (RFC 5545, METHOD:PUBLISH): one event per day of the session.
 * Each event's UID is the session and the day's rank, never its date, so the file a moved
 * session sends again replaces the events a calendar already holds; its SEQUENCE says which
 * revision is newer. Days an earlier file held and this one has not (a move that shortened the
 * session, a cancellation) come back as STATUS:CANCELLED, so calendars drop them. Times are in
 * UTC, which every calendar converts, so no VTIMEZONE is needed.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CalendarDay } from '../../db/queries/convocation-calendars.ts';
import type { Language } from '../../workflows/messages/domain.ts';
import type { SessionDay } from '../../workflows/rules/convocation.ts';
import { contactLine, dayTimes, zone } from './templates/convocation.ts';

export const CALENDAR_FILENAME = 'convocation.ics';
export const CANCELLATION_FILENAME = 'annulation.ics';
export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8; method=PUBLISH';

export interface ConvocationCalendar {
  sessionId: string;
  title: string;
  language: Language;
  timeZone: string;
  mode: 'onsite' | 'online';
  /** The address, or the video call's link. */
  place: string;
  days: SessionDay[];
  /** Days earlier files held beyond `days`, by rank, at their last known times: now cancelled. */
  cancelled: CalendarDay[];
  /** The session's coordinator, whom a calendar shows as the events' organiser. */
  contact: { name: string; email: string | null };
  /** How many calendar files this person was sent for the session before this one. */
  sequence: number;
  /** When the convocation was asked for: the same on every retry, so the file is too. */
  stamp: string;
}

const WORDS = {
  fr: {
    day: 'jour',
    times: 'Horaires',
    video: 'Visioconférence',
    contact: 'Contact',
    cancelled: 'Annulé',
    noLonger: 'Cette journée n’a plus lieu.',
  },
  en: {
    day: 'day',
    times: 'Times',
    video: 'Video call',
    contact: 'Contact',
    cancelled: 'Cancelled',
    noLonger: 'This day no longer takes place.',
  },
} as const;

/** A stable identifier for a session's day: the same session and rank, the same event. */
export const dayUid = (sessionId: string, rank: number): string => `session-${sessionId}-day-${rank}`;

/**
 * The library escapes a URL property as text (`\;`, `\,`), which RFC 5545 does not do to a URI
 * and which breaks the link: those two characters go percent-encoded instead, as a URI allows.
 */
const uriValue = (url: string): string => url.replace(/;/g, '%3B').replace(/,/g, '%2C');

export function convocationCalendar(input: ConvocationCalendar): string {
  const words = WORDS[input.language];
  const colon = input.language === 'en' ? ': ' : ' : ';
  const calendar = ical({
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'missions', product: 'convocation', language: input.language.toUpperCase() },
  });
  const organizer = input.contact.email ? { name: input.contact.name, email: input.contact.email } : null;
  input.days.forEach((day, index) => {
    const rank = index + 1;
    const summary =
      input.days.length > 1 ? `${input.title} (${words.day} ${rank}/${input.days.length})` : input.title;
    const online = input.mode === 'online';
    calendar.createEvent({
      id: dayUid(input.sessionId, rank),
      sequence: input.sequence,
      stamp: new Date(input.stamp),
      start: new Date(day.startsAt),
      end: new Date(day.endsAt),
      summary,
      location: input.place,
      ...(online ? { url: uriValue(input.place) } : {}),
      description: [
        `${words.times}${colon}${dayTimes(day, input.timeZone, input.language)} (${zone(input.timeZone, input.language)})`,
        ...(online ? [`${words.video}${colon}${input.place}`] : []),
        `${words.contact}${colon}${contactLine(input.contact)}`,
      ].join('\n'),
      status: ICalEventStatus.CONFIRMED,
      // RFC 5546 asks PUBLISH for an organiser; a legacy request without the address has none.
      ...(organizer ? { organizer } : {}),
    });
  });
  for (const day of input.cancelled)
    calendar.createEvent({
      id: dayUid(input.sessionId, day.rank),
      sequence: input.sequence,
      stamp: new Date(input.stamp),
      start: new Date(day.startsAt),
      end: new Date(day.endsAt),
      summary: `${words.cancelled}${colon}${input.title} (${words.day} ${day.rank})`,
      description: words.noLonger,
      status: ICalEventStatus.CANCELLED,
      ...(organizer ? { organizer } : {}),
    });
  return calendar.toString();
}
