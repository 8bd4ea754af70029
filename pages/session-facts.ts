/** The key facts of a session as a person needs them: what, for whom, every day with its times, where, who coordinates. */

import { ProblemError } from '../api/problems.ts';
import type { MissionRecord, SessionRecord } from '../db/queries/missions.ts';
import { halfDaysOf } from '../workflows/rules/attendance.ts';
import { summaryList } from './forms.ts';
import { type Html, html } from './html.ts';
import { formatDay, formatTime, type Language } from './i18n.ts';

const LABELS = {
  session: { fr: 'Session', en: 'Session' },
  client: { fr: 'Client', en: 'Client' },
  days: { fr: 'Dates et horaires', en: 'Dates and times' },
  place: { fr: 'Lieu', en: 'Place' },
  online: { fr: 'En ligne', en: 'Online' },
  coordinator: { fr: 'Coordination', en: 'Coordinator' },
  kind: { fr: 'Type', en: 'Kind' },
  workshop: { fr: 'Atelier', en: 'Workshop' },
  training: { fr: 'Formation', en: 'Training' },
};

/** Each day of the session with its hours, in the session's time zone ("two days, 09:00–17:00"). */
export function sessionDays(session: SessionRecord, language: Language): string[] {
  const byDay = new Map<string, { startsAt: string; endsAt: string }>();
  for (const halfDay of halfDaysOf(session)) {
    const day = byDay.get(halfDay.date);
    byDay.set(halfDay.date, { startsAt: day?.startsAt ?? halfDay.startsAt, endsAt: halfDay.endsAt });
  }
  return [...byDay.values()].map(
    ({ startsAt, endsAt }) =>
      `${formatDay(startsAt, language, session.timeZone)}, ${formatTime(startsAt, language, session.timeZone)}–${formatTime(endsAt, language, session.timeZone)}`,
  );
}

export function sessionFacts(
  mission: MissionRecord,
  session: SessionRecord,
  language: Language,
  options: { coordinator?: boolean } = {},
): Html {
  const where =
    session.location.mode === 'onsite'
      ? html`${session.location.address}`
      : html`${LABELS.online[language]}${language === 'fr' ? ' : ' : ': '}<a href="${session.location.url}">${session.location.url}</a>`;
  return summaryList([
    { key: LABELS.session[language], value: session.title },
    { key: LABELS.kind[language], value: LABELS[session.kind][language] },
    { key: LABELS.client[language], value: mission.clientName },
    {
      key: LABELS.days[language],
      value: html`${sessionDays(session, language).map((day, index) => html`${index > 0 ? html`<br>` : ''}${day}`)}`,
    },
    { key: LABELS.place[language], value: where },
    ...(options.coordinator === false
      ? []
      : [{ key: LABELS.coordinator[language], value: mission.coordinatorName }]),
  ]);
}

/** The mission and session a link names, from the read model; an unknown one is an invalid link. */
export function sessionOf(
  mission: MissionRecord | null,
  sessionId: string,
): { mission: MissionRecord; session: SessionRecord } {
  const session = mission?.sessions.find((candidate) => candidate.sessionId === sessionId);
  if (!mission || !session) throw new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
  return { mission, session };
}
