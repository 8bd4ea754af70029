/**
 * The convocation's calendar file, read back by Mozilla's parser (ical.js, what Thunderbird
 * uses) as a calendar app would, and checked line by line against RFC 5545: CRLF, lines of at
 * most 75 octets, text escaped, one event per day with a UID a moved session keeps.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  type ConvocationCalendar,
  convocationCalendar,
  dayUid,
} from '../../../activities/email/convocation-calendar.ts';
import { halfDaysOf } from '../../../workflows/rules/attendance.ts';
import { sessionDays } from '../../../workflows/rules/convocation.ts';

const SESSION_ID = '7a0c2b4e-1f1e-4f7e-9a51-3c2d1e0f9b88';

function threeDays(startsAt: string, endsAt: string) {
  return sessionDays(halfDaysOf({ title: 't', startsAt, endsAt, timeZone: 'Europe/Paris' }));
}

const onsite: ConvocationCalendar = {
  sessionId: SESSION_ID,
  title: 'Sobriété numérique ; les fondamentaux, niveau 1',
  language: 'fr',
  timeZone: 'Europe/Paris',
  mode: 'onsite',
  place: 'Salle 4, 12 rue de la République, 69002 Lyon',
  // 09:00–17:00 Paris time, three days across the end of March's change to summer time.
  days: threeDays('2027-03-27T08:00:00Z', '2027-03-29T15:00:00Z'),
  cancelled: [],
  contact: { name: 'Alex Durand', email: 'alex.durand@example.org' },
  sequence: 0,
  stamp: '2027-03-20T08:00:00Z',
};

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    method: calendar.getFirstPropertyValue('method'),
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        sequence: event.sequence,
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        summary: event.summary,
        location: event.location,
        url: component.getFirstPropertyValue('url'),
        description: event.description,
        stamp: String(component.getFirstPropertyValue('dtstamp')),
        organizer: event.organizer,
        status: component.getFirstPropertyValue('status'),
      };
    }),
  };
}

describe('the convocation calendar file', () => {
  it('publishes one event per day, from its first half-day to its last, in UTC', () => {
    const parsed = events(convocationCalendar(onsite));
    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.events.map(({ uid, start, end }) => [uid, start, end])).toEqual([
      [dayUid(SESSION_ID, 1), '2027-03-27T08:00:00.000Z', '2027-03-27T16:00:00.000Z'],
      // Sunday 28 March: Paris moves to UTC+2, and 09:00 there is 07:00 UTC.
      [dayUid(SESSION_ID, 2), '2027-03-28T07:00:00.000Z', '2027-03-28T15:00:00.000Z'],
      [dayUid(SESSION_ID, 3), '2027-03-29T07:00:00.000Z', '2027-03-29T15:00:00.000Z'],
    ]);
    const [first] = parsed.events;
    expect(first?.summary).toBe('Sobriété numérique ; les fondamentaux, niveau 1 (jour 1/3)');
    expect(first?.location).toBe('Salle 4, 12 rue de la République, 69002 Lyon');
    expect(first?.url).toBeNull();
    expect(first?.description).toBe(
      'Horaires : de 09:00 à 12:30 et de 13:30 à 17:00 (heure de Paris)\nContact : Alex Durand, alex.durand@example.org',
    );
    expect(first?.organizer).toBe('mailto:alex.durand@example.org');
    expect(first?.stamp).toBe('2027-03-20T08:00:00Z');
  });

  it('keeps each day’s UID when the session moves, with the next SEQUENCE, so calendars update the same events', () => {
    const before = events(convocationCalendar(onsite)).events;
    const moved = events(
      convocationCalendar({
        ...onsite,
        days: threeDays('2027-04-12T07:00:00Z', '2027-04-14T15:00:00Z'),
        sequence: 1,
        stamp: '2027-04-05T07:00:00Z',
      }),
    ).events;
    expect(moved.map((event) => event.uid)).toEqual(before.map((event) => event.uid));
    expect(moved.map((event) => [event.sequence, event.start.slice(0, 10)])).toEqual([
      [1, '2027-04-12'],
      [1, '2027-04-13'],
      [1, '2027-04-14'],
    ]);
    expect(before.map((event) => event.sequence)).toEqual([0, 0, 0]);
  });

  it('sends the days an earlier file held and the session no longer has as cancelled, under their UID', () => {
    const shortened = events(
      convocationCalendar({
        ...onsite,
        days: threeDays('2027-04-12T07:00:00Z', '2027-04-13T15:00:00Z'),
        cancelled: [{ rank: 3, startsAt: '2027-03-29T07:00:00Z', endsAt: '2027-03-29T15:00:00Z' }],
        sequence: 1,
      }),
    ).events;
    expect(shortened.map(({ uid, status, sequence }) => [uid, status, sequence])).toEqual([
      [dayUid(SESSION_ID, 1), 'CONFIRMED', 1],
      [dayUid(SESSION_ID, 2), 'CONFIRMED', 1],
      [dayUid(SESSION_ID, 3), 'CANCELLED', 1],
    ]);
    expect(shortened[2]?.summary).toBe('Annulé : Sobriété numérique ; les fondamentaux, niveau 1 (jour 3)');
    expect(shortened[2]?.start).toBe('2027-03-29T07:00:00.000Z');
    expect(shortened[2]?.description).toBe('Cette journée n’a plus lieu.');
  });

  it('gives a remote session its link as the location and the URL, in English for an English session', () => {
    const [event] = events(
      convocationCalendar({
        ...onsite,
        language: 'en',
        mode: 'online',
        place: 'https://visio.example.org/room/42?pwd=a;b,c',
        days: threeDays('2027-03-27T08:00:00Z', '2027-03-27T11:00:00Z'),
      }),
    ).events;
    expect(event?.summary).toBe('Sobriété numérique ; les fondamentaux, niveau 1');
    expect(event?.location).toBe('https://visio.example.org/room/42?pwd=a;b,c');
    // A URI is not text: its ; and , are percent-encoded, not backslash-escaped (which breaks the link).
    expect(event?.url).toBe('https://visio.example.org/room/42?pwd=a%3Bb%2Cc');
    expect(event?.description).toBe(
      'Times: 09:00 to 12:00 (Paris time)\nVideo call: https://visio.example.org/room/42?pwd=a;b,c\nContact: Alex Durand, alex.durand@example.org',
    );
  });

  it('writes RFC 5545 lines: CRLF, at most 75 octets, folded with a space, text escaped', () => {
    const ics = convocationCalendar({
      ...onsite,
      title: `${'Éco-conception des services numériques, '.repeat(4)}niveau 2`,
    });
    expect(ics.endsWith('END:VCALENDAR')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('LOCATION:Salle 4\\, 12 rue de la République\\, 69002 Lyon\r\n');
    expect(unfolded).toContain('SUMMARY:Éco-conception des services numériques\\, ');
    expect(unfolded).toContain('\\nContact : Alex Durand\\, alex.durand@example.org\r\n');
    expect(unfolded.match(/^BEGIN:VEVENT$/gm)).toHaveLength(3);
  });

  it('is the same file on every retry: nothing in it depends on when it is built', () => {
    expect(convocationCalendar(onsite)).toBe(convocationCalendar(structuredClone(onsite)));
  });

  it('names no organiser for a request scheduled before convocations carried the coordinator’s address', () => {
    const [event] = events(
      convocationCalendar({ ...onsite, contact: { name: 'Alex Durand', email: null } }),
    ).events;
    expect(event?.organizer).toBeNull();
    expect(event?.description).toContain('Contact : Alex Durand');
  });
});
