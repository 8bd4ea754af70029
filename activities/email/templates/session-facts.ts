import type { Language } from '../../../workflows/messages/domain.ts';
import type { SessionEmailData } from '../../../workflows/messages/email.ts';
import { formatDateTime, formatFullDate, formatTime } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';

type Fact = NonNullable<EmailContent['facts']>[number];

function zone(timeZone: string, language: Language): string {
  if (timeZone === 'Europe/Paris') return language === 'en' ? '(Paris time)' : '(heure de Paris)';
  return language === 'en' ? `(${timeZone} time)` : `(fuseau ${timeZone})`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * When a session takes place, its end's date written out when it is another day: a two-day
 * training read "09:00 – 17:00" as if it were one day.
 */
export function sessionPeriod(data: SessionEmailData, language: Language): string {
  const { startsAt, endsAt, timeZone } = data;
  const start = formatTime(startsAt, timeZone, language);
  const end = formatTime(endsAt, timeZone, language);
  const sameDay = formatFullDate(startsAt, timeZone, language) === formatFullDate(endsAt, timeZone, language);
  if (language === 'en')
    return sameDay
      ? `${formatFullDate(startsAt, timeZone, language)}, ${start} to ${end} ${zone(timeZone, language)}`
      : `From ${formatDateTime(startsAt, timeZone, language)} to ${formatDateTime(endsAt, timeZone, language)} ${zone(timeZone, language)}`;
  return sameDay
    ? `${capitalised(formatFullDate(startsAt, timeZone, language))}, de ${start} à ${end} ${zone(timeZone, language)}`
    : `Du ${formatDateTime(startsAt, timeZone, language)} au ${formatDateTime(endsAt, timeZone, language)} ${zone(timeZone, language)}`;
}

/** What, for whom, when and where, as the e-mail sets them apart. */
export function sessionFacts(
  data: SessionEmailData,
  language: Language,
  { client = true }: { client?: boolean } = {},
): Fact[] {
  const en = language === 'en';
  return [
    { label: 'Session', value: data.sessionTitle },
    ...(client ? [{ label: 'Client', value: data.clientName }] : []),
    { label: en ? 'When' : 'Quand', value: sessionPeriod(data, language) },
    { label: en ? 'Where' : 'Où', value: data.place },
  ];
}
