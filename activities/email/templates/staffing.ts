import type { Language } from '../../../workflows/messages/domain.ts';
import type {
  EmailTemplateData,
  InvitationOutcome,
  SessionEmailData,
} from '../../../workflows/messages/email.ts';
import { formatDateTime, formatTime } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';

type Data<T extends keyof EmailTemplateData> = EmailTemplateData[T];

function when(data: SessionEmailData, language: Language): string {
  const start = formatDateTime(data.startsAt, data.timeZone, language);
  const end = formatTime(data.endsAt, data.timeZone, language);
  // "mardi 12 janvier 2027 à 09:00 – 17:00": the start already says "à", the end only its time.
  return `${start} – ${end} (${data.timeZone})`;
}

function sessionLine(data: SessionEmailData, language: Language): string {
  return language === 'en'
    ? `"${data.sessionTitle}" for ${data.clientName}, ${when(data, language)}, ${data.place}.`
    : `« ${data.sessionTitle} » pour ${data.clientName}, le ${when(data, language)}, ${data.place}.`;
}

export function facilitatorInvitation(
  data: Data<'facilitatorInvitation'>,
  language: Language,
  link: string,
): EmailContent {
  const until = formatDateTime(data.expiresAt, data.timeZone, language);
  if (language === 'en') {
    return {
      subject: `Invitation to facilitate: ${data.sessionTitle} (${data.clientName})`,
      paragraphs: [
        `Hello ${data.facilitatorName},`,
        `${data.coordinatorName} invites you to facilitate ${sessionLine(data, language)}`,
        `Please answer by ${until}.`,
      ],
      action: { label: 'Accept or decline', url: link },
    };
  }
  return {
    subject: `Invitation à animer : ${data.sessionTitle} (${data.clientName})`,
    paragraphs: [
      `Bonjour ${data.facilitatorName},`,
      `${data.coordinatorName} vous invite à animer la session ${sessionLine(data, language)}`,
      `Merci de répondre avant le ${until}.`,
    ],
    action: { label: 'Accepter ou refuser', url: link },
  };
}

export function invitationReminder(
  data: Data<'invitationReminder'>,
  language: Language,
  link: string,
): EmailContent {
  const invitation = facilitatorInvitation(data, language, link);
  return {
    ...invitation,
    subject: language === 'en' ? `Reminder — ${invitation.subject}` : `Rappel — ${invitation.subject}`,
  };
}

const OUTCOME: Record<InvitationOutcome, { fr: string; en: string }> = {
  accepted: { fr: 'a accepté', en: 'accepted' },
  declined: { fr: 'a décliné', en: 'declined' },
  expired: { fr: "n'a pas répondu à temps à", en: 'did not answer in time' },
  withdrawn: { fr: "s'est retiré·e de", en: 'withdrew from' },
  refused_by_manager: {
    fr: 'ne peut pas animer (refus de son manager) ',
    en: 'cannot facilitate (their manager refused)',
  },
  approved_by_manager: { fr: 'a reçu l’accord de son manager pour', en: 'has their manager’s approval for' },
};

/** Why an unanswered approval was decided: whose rule it was, and what it says silence means. */
const SILENCE_WORDS: Record<'client' | 'default', Record<Language, (approved: boolean) => string>> = {
  client: {
    fr: (approved) =>
      approved
        ? ' (accord automatique : le manager n’a pas répondu à temps, et la règle du client est que son silence vaut accord)'
        : ' (refus automatique : le manager n’a pas répondu à temps, et la règle du client est que son silence vaut refus)',
    en: (approved) =>
      approved
        ? " (approved automatically: the manager did not answer in time, and the client's rule is that silence means yes)"
        : " (refused automatically: the manager did not answer in time, and the client's rule is that silence means no)",
  },
  default: {
    fr: (approved) =>
      approved
        ? ' (accord automatique : le manager n’a pas répondu à temps, et la règle par défaut est que son silence vaut accord)'
        : ' (refus automatique : le manager n’a pas répondu à temps, et la règle par défaut est que son silence vaut refus)',
    en: (approved) =>
      approved
        ? ' (approved automatically: the manager did not answer in time, and the default rule is that silence means yes)'
        : ' (refused automatically: the manager did not answer in time, and the default rule is that silence means no)',
  },
};

export function invitationOutcome(
  data: Data<'invitationOutcome'>,
  language: Language,
  missionPage: string,
): EmailContent {
  const outcome = OUTCOME[data.outcome][language];
  const freed = ['declined', 'expired', 'withdrawn', 'refused_by_manager'].includes(data.outcome);
  const automatic = data.silenceRule
    ? SILENCE_WORDS[data.silenceRule.source][language](data.outcome === 'approved_by_manager')
    : data.automatic
      ? language === 'en'
        ? ' (automatic decision: no answer in time)'
        : ' (décision automatique faute de réponse)'
      : '';
  if (language === 'en') {
    return {
      subject: `${data.facilitatorName} ${outcome} — ${data.sessionTitle}`,
      paragraphs: [
        `Hello ${data.coordinatorName},`,
        `${data.facilitatorName} ${outcome} the session ${sessionLine(data, language)}${automatic}`,
        ...(data.managerNote ? [`Their manager's note: “${data.managerNote}”`] : []),
        ...(freed ? ['The slot is open again: invite someone else.'] : []),
      ],
      action: { label: 'Open the mission', url: missionPage },
    };
  }
  return {
    subject: `${data.facilitatorName} ${outcome} la session ${data.sessionTitle}`,
    paragraphs: [
      `Bonjour ${data.coordinatorName},`,
      `${data.facilitatorName} ${outcome} la session ${sessionLine(data, language)}${automatic}`,
      ...(data.managerNote ? [`Note de son ou sa manager : « ${data.managerNote} »`] : []),
      ...(freed ? ['La place est de nouveau libre : invitez une autre personne.'] : []),
    ],
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}

export function managerApprovalRequest(
  data: Data<'managerApprovalRequest'>,
  language: Language,
  link: string,
): EmailContent {
  if (language === 'en') {
    return {
      subject: `Approval requested: ${data.facilitatorName} facilitating during working time`,
      paragraphs: [
        'Hello,',
        `${data.facilitatorName}, who works in your team, has agreed to facilitate during working time the session ${sessionLine(data, language)}`,
        'Please approve or refuse this participation.',
      ],
      action: { label: 'Approve or refuse', url: link },
    };
  }
  return {
    subject: `Demande d'accord : ${data.facilitatorName} anime une session sur son temps de travail`,
    paragraphs: [
      'Bonjour,',
      `${data.facilitatorName}, membre de votre équipe, a accepté d'animer sur son temps de travail la session ${sessionLine(data, language)}`,
      'Merci de valider ou de refuser cette participation.',
    ],
    action: { label: 'Valider ou refuser', url: link },
  };
}

export function managerApprovalReminder(
  data: Data<'managerApprovalReminder'>,
  language: Language,
  link: string,
): EmailContent {
  const request = managerApprovalRequest(data, language, link);
  return {
    ...request,
    subject: language === 'en' ? `Reminder — ${request.subject}` : `Rappel — ${request.subject}`,
  };
}

export function managerApprovalEscalation(
  data: Data<'managerApprovalEscalation'>,
  language: Language,
  missionPage: string,
): EmailContent {
  if (language === 'en') {
    return {
      subject: `No manager answer for ${data.facilitatorName} — ${data.sessionTitle}`,
      paragraphs: [
        `The manager of ${data.facilitatorName} (${data.managerEmail}) has not answered the approval request for the session ${sessionLine(data, language)}`,
        'Please contact them or plan for another facilitator.',
      ],
      action: { label: 'Open the mission', url: missionPage },
    };
  }
  return {
    subject: `Sans réponse du manager de ${data.facilitatorName} — ${data.sessionTitle}`,
    paragraphs: [
      `Le manager de ${data.facilitatorName} (${data.managerEmail}) n'a pas répondu à la demande d'accord pour la session ${sessionLine(data, language)}`,
      'Merci de le relancer ou de prévoir une autre personne.',
    ],
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}

export function sessionCancelledFacilitator(
  data: Data<'sessionCancelledFacilitator'>,
  language: Language,
): EmailContent {
  if (language === 'en') {
    return {
      subject: `Cancelled: ${data.sessionTitle} (${data.clientName})`,
      paragraphs: [
        `Hello ${data.facilitatorName},`,
        `The session ${sessionLine(data, language)}`,
        `It is cancelled: ${data.reason}. Your invitation no longer applies; ${data.coordinatorName} remains your contact.`,
      ],
    };
  }
  return {
    subject: `Annulation : ${data.sessionTitle} (${data.clientName})`,
    paragraphs: [
      `Bonjour ${data.facilitatorName},`,
      `La session ${sessionLine(data, language)}`,
      `Elle est annulée : ${data.reason}. Votre invitation n'a plus d'objet ; ${data.coordinatorName} reste votre interlocuteur.`,
    ],
  };
}

/** To the coordinator and staff: the reason is the rule's own sentence, in English like the API's. */
export function complianceLapsed(
  data: Data<'complianceLapsed'>,
  language: Language,
  missionPage: string,
): EmailContent {
  return {
    subject: `Conformité à revoir : ${data.facilitatorName} — ${data.sessionTitle} (${data.clientName})`,
    paragraphs: [
      `Bonjour ${data.coordinatorName},`,
      `La session ${sessionLine(data, language)}`,
      `Avant cette session, la conformité OF de ${data.facilitatorName} a été vérifiée à nouveau dans l'annuaire : elle ne tient pas. Motif : ${data.reason}`,
      "Faites renouveler sa vérification de conformité avant la session, ou retirez-la·le et invitez quelqu'un d'autre.",
    ],
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}
