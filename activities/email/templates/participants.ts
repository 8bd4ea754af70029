import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData } from '../../../workflows/messages/email.ts';
import { formatDateTime, formatNumber } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';
import { sessionFacts } from './session-facts.ts';

type Data<T extends keyof EmailTemplateData> = EmailTemplateData[T];

/**
 * The first and only e-mail an address registered through a forwarded link gets before its owner
 * confirms. It carries nothing the requester typed (no name): only the coordinator's session.
 */
export function registrationConfirmation(
  data: Data<'registrationConfirmation'>,
  language: Language,
  link: string,
): EmailContent {
  if (language === 'en') {
    return {
      subject: `Confirm your registration: ${data.sessionTitle}`,
      paragraphs: [
        'Hello,',
        `Someone asked to register this e-mail address for "${data.sessionTitle}", organised for ${data.clientName}.`,
        'If it was you, confirm your registration with the button below: you will then receive your invitation letter. If it was not you, ignore this e-mail: nothing else will be sent to you.',
      ],
      facts: sessionFacts(data, language, { client: false }),
      action: { label: 'Confirm my registration', url: link },
    };
  }
  return {
    subject: `Confirmez votre inscription : ${data.sessionTitle}`,
    paragraphs: [
      'Bonjour,',
      `Quelqu’un a demandé à inscrire cette adresse e-mail à « ${data.sessionTitle} », session organisée pour ${data.clientName}.`,
      'Si c’est bien vous, confirmez votre inscription avec le bouton ci-dessous : vous recevrez ensuite votre convocation. Sinon, ignorez cet e-mail : rien d’autre ne vous sera envoyé.',
    ],
    facts: sessionFacts(data, language, { client: false }),
    action: { label: 'Confirmer mon inscription', url: link },
  };
}

export function attendanceReminder(
  data: Data<'attendanceReminder'>,
  language: Language,
  missionPage: string,
): EmailContent {
  if (language === 'en') {
    return {
      subject: `Attendance not recorded — ${data.sessionTitle}`,
      paragraphs: [
        `Hello ${data.recipientName},`,
        `The session "${data.sessionTitle}" has ended and its attendance is not recorded yet. Without it, no certificate can be sent and funders may refuse the session.`,
      ],
      facts: sessionFacts(data, language),
      action: { label: 'Record attendance', url: missionPage },
    };
  }
  return {
    subject: `Présences non saisies — ${data.sessionTitle}`,
    paragraphs: [
      `Bonjour ${data.recipientName},`,
      `La session « ${data.sessionTitle} » est terminée et ses présences ne sont pas encore saisies. Sans elles, aucun certificat de réalisation ne peut partir et les financeurs peuvent refuser la session.`,
    ],
    facts: sessionFacts(data, language),
    action: { label: 'Saisir les présences', url: missionPage },
  };
}

export function attendanceEscalation(
  data: Data<'attendanceEscalation'>,
  language: Language,
  missionPage: string,
): EmailContent {
  if (language === 'en') {
    return {
      subject: `Escalation: attendance missing 72 h after ${data.sessionTitle} (${data.clientName})`,
      paragraphs: [
        `The session "${data.sessionTitle}" for ${data.clientName}, coordinated by ${data.coordinatorName}, has ended and its attendance is still not recorded, despite the reminder sent after the session.`,
      ],
      facts: sessionFacts(data, language),
      action: { label: 'Open the mission', url: missionPage },
    };
  }
  return {
    subject: `Alerte : présences manquantes 72 h après ${data.sessionTitle} (${data.clientName})`,
    paragraphs: [
      `La session « ${data.sessionTitle} » pour ${data.clientName}, coordonnée par ${data.coordinatorName}, est terminée et ses présences ne sont toujours pas saisies, malgré le rappel envoyé après la session.`,
    ],
    facts: sessionFacts(data, language),
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}

export function certificate(data: Data<'certificate'>, language: Language, link: string): EmailContent {
  if (language === 'en') {
    return {
      subject: `Your ${data.attestation ? 'attestation of participation' : 'certificate of completion'} — ${data.sessionTitle}`,
      paragraphs: [
        `Hello ${data.participantName},`,
        `Thank you for taking part in "${data.sessionTitle}". Your ${data.attestation ? 'attestation of participation' : 'certificate of completion'} (${formatNumber(data.hoursAttended, language)} hours) is attached.`,
        'Please tell us how it went: it takes two minutes.',
      ],
      action: { label: 'Give your opinion', url: link },
    };
  }
  return {
    subject: `Votre ${data.attestation ? 'attestation de participation' : 'certificat de réalisation'} — ${data.sessionTitle}`,
    paragraphs: [
      `Bonjour ${data.participantName},`,
      `Merci d'avoir participé à « ${data.sessionTitle} ». Vous trouverez ci-joint votre ${data.attestation ? 'attestation de participation' : 'certificat de réalisation'} (${formatNumber(data.hoursAttended, language)} heures).`,
      'Dites-nous comment cela s’est passé : cela prend deux minutes.',
    ],
    action: { label: 'Donner mon avis', url: link },
  };
}

export function surveyInvitation(
  data: Data<'surveyInvitation'>,
  language: Language,
  link: string,
): EmailContent {
  const cold = data.kind === 'cold';
  if (language === 'en') {
    return {
      subject: cold ? `Three months on: ${data.sessionTitle}` : `Your opinion on ${data.sessionTitle}`,
      paragraphs: [
        `Hello ${data.participantName},`,
        cold
          ? `Three months after "${data.sessionTitle}", what have you been able to put into practice?`
          : `How was "${data.sessionTitle}"?`,
      ],
      action: { label: 'Answer the questionnaire', url: link },
    };
  }
  return {
    subject: cold ? `Trois mois après : ${data.sessionTitle}` : `Votre avis sur ${data.sessionTitle}`,
    paragraphs: [
      `Bonjour ${data.participantName},`,
      cold
        ? `Trois mois après « ${data.sessionTitle} », qu'avez-vous pu mettre en pratique ?`
        : `Comment s'est passée la session « ${data.sessionTitle} » ?`,
    ],
    action: { label: 'Répondre au questionnaire', url: link },
  };
}

export function surveyReminder(data: Data<'surveyReminder'>, language: Language, link: string): EmailContent {
  const invitation = surveyInvitation(data, language, link);
  return {
    ...invitation,
    subject: language === 'en' ? `Reminder — ${invitation.subject}` : `Rappel — ${invitation.subject}`,
  };
}

/** `calendar`: the attached file takes the days its convocation added out of their calendar. */
export function sessionCancelledParticipant(
  data: Data<'sessionCancelledParticipant'>,
  language: Language,
  calendar: boolean,
): EmailContent {
  if (language === 'en') {
    return {
      subject: `Cancelled: ${data.sessionTitle} — ${formatDateTime(data.startsAt, data.timeZone, language)}`,
      paragraphs: [
        `Hello ${data.participantName},`,
        `The session "${data.sessionTitle}" is cancelled: ${data.reason}.`,
        'Your convocation no longer applies.',
        ...(calendar ? ['The attached calendar file removes the session from your calendar.'] : []),
      ],
      facts: sessionFacts(data, language, { client: false }),
    };
  }
  return {
    subject: `Annulation : ${data.sessionTitle} — ${formatDateTime(data.startsAt, data.timeZone, language)}`,
    paragraphs: [
      `Bonjour ${data.participantName},`,
      `La session « ${data.sessionTitle} » est annulée : ${data.reason}.`,
      'Votre convocation n’a donc plus d’objet.',
      ...(calendar ? ['Le fichier agenda joint retire la session de votre calendrier.'] : []),
    ],
    facts: sessionFacts(data, language, { client: false }),
  };
}
