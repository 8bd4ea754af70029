/**
 * The convocation: what a participant needs before the start (Code du travail L6353-8), every
 * day with its times, where or how to join, how attendance is recorded, the trainers, whom to
 * ask, and for adaptations the disability contact the organisation's settings name.
 */
import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import { convocationDetails, type SessionDay, sessionDays } from '../../../workflows/rules/convocation.ts';
import { formatFullDate, formatTime } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';
import type { SendContext } from './send-context.ts';

type Data = EmailTemplateData['convocation'];

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function zone(timeZone: string, language: Language): string {
  if (timeZone === 'Europe/Paris') return language === 'en' ? 'Paris time' : 'heure de Paris';
  return language === 'en' ? `${timeZone} time` : `fuseau ${timeZone}`;
}

/** "mardi 12 janvier 2027", or "12–13 January 2027" for several days: once, in the subject. */
function dateRange(days: SessionDay[], data: Data, language: Language): string {
  const first = days[0]?.startsAt ?? data.startsAt;
  const last = days.at(-1)?.startsAt ?? data.startsAt;
  if (days.length <= 1) return formatFullDate(first, data.timeZone, language);
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    timeZone: data.timeZone,
    dateStyle: 'long',
  }).formatRange(new Date(first), new Date(last));
}

/** One day's times: "de 09:00 à 12:30 et de 13:30 à 17:00", or "09:00 to 12:30 and 13:30 to 17:00". */
export function dayTimes(day: SessionDay, timeZone: string, language: Language): string {
  const time = (value: string) => formatTime(value, timeZone, language);
  const spans = day.halfDays.map((halfDay) =>
    language === 'en'
      ? `${time(halfDay.startsAt)} to ${time(halfDay.endsAt)}`
      : `de ${time(halfDay.startsAt)} à ${time(halfDay.endsAt)}`,
  );
  return spans.join(language === 'en' ? ' and ' : ' et ');
}

export const contactLine = ({
  name,
  email,
  phone,
}: {
  name: string;
  email: string | null;
  phone?: string | null;
}) => [name, email, phone].filter(Boolean).join(', ');

const WORDS = {
  fr: {
    subject: 'Convocation',
    hello: (name: string) => `Bonjour ${name},`,
    registered: (title: string, client: string) =>
      `Vous êtes inscrit·e à la session « ${title} », organisée pour ${client}.`,
    days: (count: number, timeZone: string) =>
      count === 1
        ? `Elle se tient en une journée ; ses horaires (${zone(timeZone, 'fr')}) sont ci-dessous.`
        : `Elle se tient sur ${count} journées ; chacune figure ci-dessous avec ses horaires (${zone(timeZone, 'fr')}).`,
    onsite: 'Merci d’arriver dix minutes avant le début de chaque journée.',
    onsiteDigital:
      'À chaque demi-journée, vous signerez votre présence sur votre téléphone : le ou la formateur·ice affiche un QR code à scanner. Sans téléphone, vous signerez sur son appareil.',
    onsitePaper: 'À chaque demi-journée, vous signerez la feuille d’émargement.',
    online:
      'La session a lieu en visioconférence, au lien ci-dessous. Il vous faut un ordinateur avec caméra et micro, un navigateur récent (Chrome, Edge, Firefox ou Safari à jour) et une connexion internet stable. Connectez-vous quelques minutes avant le début pour vérifier le son et l’image.',
    onlineDigital:
      'À chaque demi-journée, le ou la formateur·ice partage dans la visioconférence un lien de signature : ouvrez-le sur votre ordinateur ou votre téléphone et signez pendant la demi-journée pour que votre présence soit enregistrée.',
    onlinePaper: 'Le ou la formateur·ice vous dira comment attester votre présence à chaque demi-journée.',
    positioning: 'Avant la formation, merci de répondre au court test de positionnement ci-dessous.',
    attached: {
      programme: 'le programme de la formation',
      internalRules: 'le règlement intérieur de l’organisme de formation',
      calendar: 'un fichier agenda (.ics) qui ajoute chaque journée à votre calendrier',
    },
    attachedIntro: 'Vous trouverez en pièces jointes ',
    and: ' et ',
    disability:
      'Si vous êtes en situation de handicap et avez besoin d’adaptations, écrivez dès que possible au ou à la référent·e handicap indiqué·e ci-dessous.',
    questions: (name: string) => `Pour toute question, adressez-vous à ${name}.`,
    action: 'Répondre au test de positionnement',
    session: 'Session',
    place: 'Lieu',
    video: 'Visioconférence',
    trainers: (count: number) => (count > 1 ? 'Formateur·ices' : 'Formateur·ice'),
    noTrainer: 'à confirmer',
    contact: 'Contact',
    disabilityContact: 'Référent·e handicap',
  },
  en: {
    subject: 'Convocation',
    hello: (name: string) => `Hello ${name},`,
    registered: (title: string, client: string) =>
      `You are registered for the session "${title}", organised for ${client}. These are your joining instructions.`,
    days: (count: number, timeZone: string) =>
      count === 1
        ? `It takes one day; its times (${zone(timeZone, 'en')}) are below.`
        : `It takes ${count} days; each is listed below with its times (${zone(timeZone, 'en')}).`,
    onsite: 'Please arrive ten minutes before each day starts.',
    onsiteDigital:
      'For each half-day, you will sign in on your phone: the trainer shows a QR code to scan. Without a phone, you sign on the trainer’s device.',
    onsitePaper: 'For each half-day, you will sign the attendance sheet.',
    online:
      'The session takes place by video call, at the link below. You need a computer with a camera and a microphone, a recent browser (an up-to-date Chrome, Edge, Firefox or Safari) and a stable internet connection. Join a few minutes before the start to check your sound and picture.',
    onlineDigital:
      'For each half-day, the trainer shares a signing link in the video call: open it on your computer or phone and sign during the half-day so that your attendance is recorded.',
    onlinePaper: 'The trainer will tell you how to confirm your attendance for each half-day.',
    positioning: 'Before the training, please take the short positioning test below.',
    attached: {
      programme: 'the training programme',
      internalRules: 'the training provider’s internal rules',
      calendar: 'a calendar file (.ics) that adds each day to your calendar',
    },
    attachedIntro: 'Attached you will find ',
    and: ' and ',
    disability:
      'If you have a disability and need adjustments, please write as soon as possible to the disability contact below.',
    questions: (name: string) => `For any question, contact ${name}.`,
    action: 'Take the positioning test',
    session: 'Session',
    place: 'Place',
    video: 'Video call',
    trainers: (count: number) => (count > 1 ? 'Trainers' : 'Trainer'),
    noTrainer: 'to be confirmed',
    contact: 'Contact',
    disabilityContact: 'Disability contact',
  },
} as const;

/** "a, b and c" in the e-mail's language. */
function list(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')}${and}${items.at(-1)}`;
}

export function convocation(
  data: Data,
  language: Language,
  link: string,
  { settings, attached }: SendContext,
): EmailContent {
  const words = WORDS[language];
  const details = convocationDetails(data);
  const days = sessionDays(details.halfDays);
  const online = details.mode === 'online';
  const attachments = (['programme', 'internalRules', 'calendar'] as const)
    .filter((kind) => attached.has(kind))
    .map((kind) => words.attached[kind]);
  const attendance = online
    ? details.signing === 'digital'
      ? words.onlineDigital
      : words.onlinePaper
    : details.signing === 'digital'
      ? words.onsiteDigital
      : words.onsitePaper;
  return {
    subject: `${words.subject}${language === 'en' ? ': ' : ' : '}${data.sessionTitle} — ${dateRange(days, data, language)}`,
    paragraphs: [
      words.hello(data.participantName),
      words.registered(data.sessionTitle, data.clientName),
      words.days(days.length, data.timeZone),
      ...(online ? [words.online] : [words.onsite]),
      attendance,
      ...(data.positioningTest ? [words.positioning] : []),
      ...(attachments.length > 0 ? [`${words.attachedIntro}${list(attachments, words.and)}.`] : []),
      words.disability,
      words.questions(details.contact.name),
    ],
    facts: [
      { label: words.session, value: data.sessionTitle },
      ...days.map((day) => ({
        label: capitalised(formatFullDate(day.startsAt, data.timeZone, language)),
        value: dayTimes(day, data.timeZone, language),
      })),
      { label: online ? words.video : words.place, value: data.place },
      {
        label: words.trainers(details.trainers.length),
        value: details.trainers.length > 0 ? details.trainers.join(', ') : words.noTrainer,
      },
      { label: words.contact, value: contactLine(details.contact) },
      { label: words.disabilityContact, value: contactLine(settings.disabilityContact) },
    ],
    ...(data.positioningTest ? { action: { label: words.action, url: link } } : {}),
  };
}
