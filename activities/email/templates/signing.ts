import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import { formatFullDate } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';
import { sessionFacts } from './session-facts.ts';

type Data<T extends keyof EmailTemplateData> = EmailTemplateData[T];

/** At the session's start, the lead facilitator's link to the signing page. */
export function attendanceSigningLink(
  data: Data<'attendanceSigningLink'>,
  language: Language,
  link: string,
): EmailContent {
  if (language === 'en') {
    return {
      subject: `Attendance signing — ${data.sessionTitle}`,
      paragraphs: [
        `Hello ${data.recipientName},`,
        `The session "${data.sessionTitle}" is starting. Participants sign ${data.halfDays === 1 ? 'its half-day' : `each of its ${data.halfDays} half-days`} on their phone: open the page below, show them its QR code or short link, and countersign each half-day once they have signed.`,
        'Someone without a phone can sign in turn on your device from the same page.',
      ],
      facts: sessionFacts(data, language),
      action: { label: 'Open the signing page', url: link },
    };
  }
  return {
    subject: `Émargement — ${data.sessionTitle}`,
    paragraphs: [
      `Bonjour ${data.recipientName},`,
      `La session « ${data.sessionTitle} » commence. Les participant·es signent ${data.halfDays === 1 ? 'sa demi-journée' : `chacune de ses ${data.halfDays} demi-journées`} sur leur téléphone : ouvrez la page ci-dessous, montrez-leur son QR code ou son lien court, puis contresignez chaque demi-journée une fois qu'elles et ils ont signé.`,
      'Une personne sans téléphone peut signer à tour de rôle sur votre appareil, depuis la même page.',
    ],
    facts: sessionFacts(data, language),
    action: { label: "Ouvrir la page d'émargement", url: link },
  };
}

const PERIODS = {
  fr: { morning: 'matin', afternoon: 'après-midi' },
  en: { morning: 'morning', afternoon: 'afternoon' },
} as const;

/** "jeudi 14 janvier 2027 (matin)" or "Thursday, 14 January 2027 (morning)"; older e-mails carry it worded. */
function halfDayLabel(
  halfDay: Data<'countersignatureReminder'>['halfDays'][number],
  language: Language,
): string {
  if (typeof halfDay === 'string') return halfDay;
  return `${formatFullDate(`${halfDay.date}T12:00:00Z`, 'UTC', language)} (${PERIODS[language][halfDay.period]})`;
}

/** Half-days signed by participants but not countersigned hold certificates back. */
export function countersignatureReminder(
  data: Data<'countersignatureReminder'>,
  language: Language,
  link: string,
): EmailContent {
  const list = data.halfDays
    .map((halfDay) => halfDayLabel(halfDay, language))
    .join(language === 'en' ? '; ' : ' ; ');
  if (language === 'en') {
    return {
      subject: `Countersignature missing — ${data.sessionTitle}`,
      paragraphs: [
        `Hello ${data.recipientName},`,
        `The session "${data.sessionTitle}" has ended, but these signed half-days are not countersigned: ${list}. Participants receive their certificate only once every signed half-day is countersigned.`,
      ],
      facts: sessionFacts(data, language),
      action: { label: 'Countersign', url: link },
    };
  }
  return {
    subject: `Contresignature manquante — ${data.sessionTitle}`,
    paragraphs: [
      `Bonjour ${data.recipientName},`,
      `La session « ${data.sessionTitle} » est terminée, mais ces demi-journées signées ne sont pas contresignées : ${list}. Les participant·es ne reçoivent leur certificat de réalisation qu'une fois chaque demi-journée signée contresignée.`,
    ],
    facts: sessionFacts(data, language),
    action: { label: 'Contresigner', url: link },
  };
}
