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
import { sessionFacts } from './session-facts.ts';

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
    intro: (title: string, client: string, days: number, timeZone: string) =>
      `Vous êtes inscrit·e à la session « ${title} », organisée pour ${client}. ${
        days === 1
          ? `Elle se tient en une journée, dont les horaires (${zone(timeZone, 'fr')}) figurent ci-dessous.`
          : `Elle se tient sur ${days} journées, listées ci-dessous avec leurs horaires (${zone(timeZone, 'fr')}).`
      }`,
    onsite: 'Merci d’arriver dix minutes avant le début de chaque journée.',
    onsiteDigital: (each: boolean) =>
      `${each ? 'À chaque demi-journée' : 'Pendant la session'}, vous signez votre présence sur votre téléphone : le ou la formateur·ice affiche un QR code à scanner. Sans téléphone, vous signez sur son appareil.`,
    onsitePaper: (each: boolean) =>
      `${each ? 'À chaque demi-journée' : 'Pendant la session'}, vous signez la feuille d’émargement.`,
    online:
      'La session a lieu en visioconférence, au lien ci-dessous. Il vous faut un ordinateur avec caméra et micro, un navigateur récent (Chrome, Edge, Firefox ou Safari à jour) et une connexion internet stable. Connectez-vous quelques minutes avant le début pour vérifier le son et l’image.',
    onlineDigital: (each: boolean) =>
      `${each ? 'À chaque demi-journée' : 'Pendant la session'}, le ou la formateur·ice partage dans la visioconférence un lien de signature : ouvrez-le sur votre ordinateur ou votre téléphone et signez ${each ? 'pendant la demi-journée' : 'avant la fin'} pour que votre présence soit enregistrée.`,
    onlinePaper: (each: boolean) =>
      `Le ou la formateur·ice vous dira comment attester votre présence${each ? ' à chaque demi-journée' : ''}.`,
    positioning: 'Avant la formation, merci de répondre au court test de positionnement ci-dessous.',
    attached: {
      programme: 'le programme de la formation',
      internalRules: 'le règlement intérieur de l’organisme de formation',
      calendar: (days: number) =>
        `un fichier agenda (.ics) qui ajoute ${days > 1 ? 'chaque journée' : 'la session'} à votre calendrier`,
    },
    attachedIntro: 'Vous trouverez en pièces jointes ',
    and: ' et ',
    disability:
      'Si vous êtes en situation de handicap et avez besoin d’adaptations, écrivez dès que possible au ou à la référent·e handicap indiqué·e ci-dessous.',
    questions: (name: string) => `Pour toute question, adressez-vous à ${name}.`,
    action: 'Répondre au test de positionnement',
    join: 'Rejoindre la visioconférence',
    session: 'Session',
    objectives: 'Objectifs',
    separator: ' ; ',
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
    intro: (title: string, client: string, days: number, timeZone: string) =>
      `You are registered for the session "${title}", organised for ${client}: these are your joining instructions. ${
        days === 1
          ? `It runs over one day, whose times (${zone(timeZone, 'en')}) are below.`
          : `It runs over ${days} days, listed below with their times (${zone(timeZone, 'en')}).`
      }`,
    onsite: 'Please arrive ten minutes before each day starts.',
    onsiteDigital: (each: boolean) =>
      `${each ? 'For each half-day' : 'During the session'}, you sign your attendance on your phone: the trainer shows a QR code to scan. Without a phone, you sign on the trainer’s device.`,
    onsitePaper: (each: boolean) =>
      `${each ? 'For each half-day' : 'During the session'}, you sign the attendance sheet.`,
    online:
      'The session takes place by video call, at the link below. You need a computer with a camera and a microphone, a recent browser (an up-to-date Chrome, Edge, Firefox or Safari) and a stable internet connection. Join a few minutes before the start to check your sound and picture.',
    onlineDigital: (each: boolean) =>
      `${each ? 'For each half-day' : 'During the session'}, the trainer shares a signing link in the video call: open it on your computer or phone and sign ${each ? 'during the half-day' : 'before the end'} so that your attendance is recorded.`,
    onlinePaper: (each: boolean) =>
      `The trainer will tell you how to confirm your attendance${each ? ' for each half-day' : ''}.`,
    positioning: 'Before the training, please take the short positioning test below.',
    attached: {
      programme: 'the training programme',
      internalRules: 'the training provider’s internal rules',
      calendar: (days: number) =>
        `a calendar file (.ics) that adds ${days > 1 ? 'each day' : 'the session'} to your calendar`,
    },
    attachedIntro: 'Attached you will find ',
    and: ' and ',
    disability:
      'If you have a disability and need adjustments, please write as soon as possible to the disability contact below.',
    questions: (name: string) => `For any question, contact ${name}.`,
    action: 'Take the positioning test',
    join: 'Join the video call',
    session: 'Session',
    objectives: 'Objectives',
    separator: '; ',
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
  { settings, attached, offer }: SendContext,
): EmailContent {
  const words = WORDS[language];
  const details = convocationDetails(data);
  const days = sessionDays(details.halfDays);
  const online = details.mode === 'online';
  const attachments = (['programme', 'internalRules', 'calendar'] as const)
    .filter((kind) => attached.has(kind))
    .map((kind) => (kind === 'calendar' ? words.attached.calendar(days.length) : words.attached[kind]));
  const each = details.halfDays.length > 1;
  const attendance = (
    online
      ? details.signing === 'digital'
        ? words.onlineDigital
        : words.onlinePaper
      : details.signing === 'digital'
        ? words.onsiteDigital
        : words.onsitePaper
  )(each);
  return {
    subject: `${words.subject}${language === 'en' ? ': ' : ' : '}${data.sessionTitle} — ${dateRange(days, data, language)}`,
    paragraphs: [
      words.hello(data.participantName),
      words.intro(data.sessionTitle, data.clientName, days.length, data.timeZone),
      ...(online ? [words.online, attendance] : [`${words.onsite} ${attendance}`]),
      ...(data.positioningTest ? [words.positioning] : []),
      ...(attachments.length > 0 ? [`${words.attachedIntro}${list(attachments, words.and)}.`] : []),
      `${words.disability} ${words.questions(details.contact.name)}`,
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
      // What the training aims at (L6353-8), in the catalogue's words; after the when and where people look for.
      ...(offer?.trainingAction && offer.objectives.length > 0
        ? [{ label: words.objectives, value: offer.objectives.join(words.separator) }]
        : []),
    ],
    // One button: the test to take before, else, for a remote session, the call to join.
    ...(data.positioningTest
      ? { action: { label: words.action, url: link } }
      : online
        ? { action: { label: words.join, url: data.place } }
        : {}),
  };
}

/**
 * Trainees receive the internal rules before the action (L6353-8, R6352-1): when none are
 * uploaded, convocations still go (the dates and place matter more) and staff hear it once per
 * session, so they upload the rules and send them to those already convoked.
 */
export function internalRulesMissing(
  data: EmailTemplateData['internalRulesMissing'],
  language: Language,
): EmailContent {
  if (language === 'en')
    return {
      subject: `Internal rules missing — convocations for "${data.sessionTitle}"`,
      paragraphs: [
        `The convocations for the session "${data.sessionTitle}" (${data.clientName}) are going out without the internal rules: none are uploaded in the organisation's settings.`,
        'The Code du travail asks for them to reach trainees before the training (articles L6353-8 and R6352-1). Upload them in the settings: convocations sent afterwards attach them; send them yourself to the people already convoked.',
      ],
      facts: sessionFacts(data, language),
    };
  return {
    subject: `Règlement intérieur manquant — convocations de « ${data.sessionTitle} »`,
    paragraphs: [
      `Les convocations de la session « ${data.sessionTitle} » (${data.clientName}) partent sans règlement intérieur : aucun n’est déposé dans les paramètres de l’organisation.`,
      'Le Code du travail demande de le remettre aux stagiaires avant la formation (articles L6353-8 et R6352-1). Déposez-le dans les paramètres : les convocations envoyées ensuite le joindront ; envoyez-le vous-même aux personnes déjà convoquées.',
    ],
    facts: sessionFacts(data, language),
  };
}
