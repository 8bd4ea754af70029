import type { Language } from '../../../workflows/messages/domain.ts';
import type { EmailTemplateData, InvitationOutcome } from '../../../workflows/messages/email.ts';
import { formatDateTime } from '../../format/french.ts';
import type { EmailContent } from '../layout.ts';
import { sessionFacts } from './session-facts.ts';

type Data<T extends keyof EmailTemplateData> = EmailTemplateData[T];

export function facilitatorInvitation(
  data: Data<'facilitatorInvitation'>,
  language: Language,
  link: string,
): EmailContent {
  const until = formatDateTime(data.expiresAt, data.timeZone, language);
  const facts = sessionFacts(data, language, { client: false });
  if (language === 'en') {
    return {
      subject: `Invitation to facilitate: ${data.sessionTitle} (${data.clientName})`,
      paragraphs: [
        `Hello ${data.facilitatorName},`,
        `${data.coordinatorName} invites you to facilitate a session for ${data.clientName}.`,
        `Please answer by ${until}.`,
      ],
      facts,
      action: { label: 'Accept or decline', url: link },
    };
  }
  return {
    subject: `Invitation à animer : ${data.sessionTitle} (${data.clientName})`,
    paragraphs: [
      `Bonjour ${data.facilitatorName},`,
      `${data.coordinatorName} vous invite à animer une session pour ${data.clientName}.`,
      `Merci de répondre avant le ${until}.`,
    ],
    facts,
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

/** What happened, as the subject's few words and as the sentence that names the session. */
const OUTCOME: Record<
  InvitationOutcome,
  Record<Language, { subject: string; sentence: (who: string, session: string) => string }>
> = {
  accepted: {
    fr: {
      subject: 'Invitation acceptée',
      sentence: (who, session) => `${who} a accepté d'animer ${session}.`,
    },
    en: {
      subject: 'Invitation accepted',
      sentence: (who, session) => `${who} agreed to facilitate ${session}.`,
    },
  },
  declined: {
    fr: {
      subject: 'Invitation déclinée',
      sentence: (who, session) => `${who} a décliné l'invitation à animer ${session}.`,
    },
    en: {
      subject: 'Invitation declined',
      sentence: (who, session) => `${who} declined the invitation to facilitate ${session}.`,
    },
  },
  expired: {
    fr: {
      subject: 'Invitation sans réponse',
      sentence: (who, session) => `${who} n'a pas répondu à temps à l'invitation à animer ${session}.`,
    },
    en: {
      subject: 'Invitation unanswered',
      sentence: (who, session) => `${who} did not answer the invitation to facilitate ${session} in time.`,
    },
  },
  withdrawn: {
    fr: { subject: 'Désistement', sentence: (who, session) => `${who} s'est retiré·e de ${session}.` },
    en: { subject: 'Withdrawal', sentence: (who, session) => `${who} withdrew from ${session}.` },
  },
  refused_by_manager: {
    fr: {
      subject: 'Refus du manager',
      sentence: (who, session) => `${who} ne pourra pas animer ${session} : son ou sa manager a refusé.`,
    },
    en: {
      subject: 'Manager refused',
      sentence: (who, session) => `${who} cannot facilitate ${session}: their manager refused.`,
    },
  },
  approved_by_manager: {
    fr: {
      subject: 'Accord du manager',
      sentence: (who, session) => `${who} a reçu l’accord de son ou sa manager pour animer ${session}.`,
    },
    en: {
      subject: 'Manager approved',
      sentence: (who, session) => `${who} has their manager’s approval to facilitate ${session}.`,
    },
  },
};

/** Why an unanswered approval was decided: whose rule it was, and what it says silence means. */
const SILENCE_WORDS: Record<'client' | 'default', Record<Language, (approved: boolean) => string>> = {
  client: {
    fr: (approved) =>
      approved
        ? 'C’est un accord automatique : le manager n’a pas répondu à temps, et la règle du client est que son silence vaut accord.'
        : 'C’est un refus automatique : le manager n’a pas répondu à temps, et la règle du client est que son silence vaut refus.',
    en: (approved) =>
      approved
        ? "It was approved automatically: the manager did not answer in time, and the client's rule is that silence means yes."
        : "It was refused automatically: the manager did not answer in time, and the client's rule is that silence means no.",
  },
  default: {
    fr: (approved) =>
      approved
        ? 'C’est un accord automatique : le manager n’a pas répondu à temps, et la règle par défaut est que son silence vaut accord.'
        : 'C’est un refus automatique : le manager n’a pas répondu à temps, et la règle par défaut est que son silence vaut refus.',
    en: (approved) =>
      approved
        ? 'It was approved automatically: the manager did not answer in time, and the default rule is that silence means yes.'
        : 'It was refused automatically: the manager did not answer in time, and the default rule is that silence means no.',
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
    ? [SILENCE_WORDS[data.silenceRule.source][language](data.outcome === 'approved_by_manager')]
    : data.automatic
      ? [
          language === 'en'
            ? 'The decision was automatic: no answer came in time.'
            : 'C’est une décision automatique faute de réponse à temps.',
        ]
      : [];
  const facts = sessionFacts(data, language);
  if (language === 'en') {
    return {
      subject: `${outcome.subject}: ${data.facilitatorName} — ${data.sessionTitle}`,
      paragraphs: [
        `Hello ${data.coordinatorName},`,
        outcome.sentence(data.facilitatorName, `the session "${data.sessionTitle}"`),
        ...automatic,
        ...(data.managerNote ? [`Their manager's note: “${data.managerNote}”`] : []),
        ...(freed ? ['The slot is open again: invite someone else.'] : []),
      ],
      facts,
      action: { label: 'Open the mission', url: missionPage },
    };
  }
  return {
    subject: `${outcome.subject} : ${data.facilitatorName} — ${data.sessionTitle}`,
    paragraphs: [
      `Bonjour ${data.coordinatorName},`,
      outcome.sentence(data.facilitatorName, `la session « ${data.sessionTitle} »`),
      ...automatic,
      ...(data.managerNote ? [`Note de son ou sa manager : « ${data.managerNote} »`] : []),
      ...(freed ? ['La place est de nouveau libre : invitez une autre personne.'] : []),
    ],
    facts,
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}

export function managerApprovalRequest(
  data: Data<'managerApprovalRequest'>,
  language: Language,
  link: string,
): EmailContent {
  const facts = sessionFacts(data, language);
  if (language === 'en') {
    return {
      subject: `Approval requested: ${data.facilitatorName} facilitating during working time`,
      paragraphs: [
        'Hello,',
        `${data.facilitatorName}, who works in your team, has agreed to facilitate the session "${data.sessionTitle}" during working time.`,
        'Please approve or refuse this participation.',
      ],
      facts,
      action: { label: 'Approve or refuse', url: link },
    };
  }
  return {
    subject: `Demande d'accord : ${data.facilitatorName} anime une session sur son temps de travail`,
    paragraphs: [
      'Bonjour,',
      `${data.facilitatorName}, membre de votre équipe, a accepté d'animer la session « ${data.sessionTitle} » sur son temps de travail.`,
      'Merci de valider ou de refuser cette participation.',
    ],
    facts,
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
  const facts = sessionFacts(data, language);
  if (language === 'en') {
    return {
      subject: `No manager answer for ${data.facilitatorName} — ${data.sessionTitle}`,
      paragraphs: [
        `The manager of ${data.facilitatorName} (${data.managerEmail}) has not answered the approval request for the session "${data.sessionTitle}".`,
        'Please contact them or plan for another facilitator.',
      ],
      facts,
      action: { label: 'Open the mission', url: missionPage },
    };
  }
  return {
    subject: `Sans réponse du manager de ${data.facilitatorName} — ${data.sessionTitle}`,
    paragraphs: [
      `Le ou la manager de ${data.facilitatorName} (${data.managerEmail}) n'a pas répondu à la demande d'accord pour la session « ${data.sessionTitle} ».`,
      'Merci de le ou la relancer, ou de prévoir un·e autre animateur·ice.',
    ],
    facts,
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}

export function sessionCancelledFacilitator(
  data: Data<'sessionCancelledFacilitator'>,
  language: Language,
): EmailContent {
  const facts = sessionFacts(data, language);
  if (language === 'en') {
    return {
      subject: `Cancelled: ${data.sessionTitle} (${data.clientName})`,
      paragraphs: [
        `Hello ${data.facilitatorName},`,
        `The session "${data.sessionTitle}" is cancelled: ${data.reason}.`,
        `Your invitation no longer applies; ${data.coordinatorName} remains your contact.`,
      ],
      facts,
    };
  }
  return {
    subject: `Annulation : ${data.sessionTitle} (${data.clientName})`,
    paragraphs: [
      `Bonjour ${data.facilitatorName},`,
      `La session « ${data.sessionTitle} » est annulée : ${data.reason}.`,
      `Votre invitation n'a donc plus d'objet ; ${data.coordinatorName} reste votre contact pour la suite.`,
    ],
    facts,
  };
}

/**
 * To the coordinator and staff. The reason is the compliance rule's own sentence, written in
 * English like the API's refusals: the French e-mail quotes it as such.
 */
export function complianceLapsed(
  data: Data<'complianceLapsed'>,
  language: Language,
  missionPage: string,
): EmailContent {
  const facts = sessionFacts(data, language);
  if (language === 'en') {
    return {
      subject: `Compliance to review: ${data.facilitatorName} — ${data.sessionTitle} (${data.clientName})`,
      paragraphs: [
        `Hello ${data.coordinatorName},`,
        `Before the session "${data.sessionTitle}", the directory checked the training-provider compliance of ${data.facilitatorName} again, and it no longer holds. Reason given by the directory: “${data.reason}”`,
        'Have their compliance check renewed before the session, or remove them from it and invite someone else.',
      ],
      facts,
      action: { label: 'Open the mission', url: missionPage },
    };
  }
  return {
    subject: `Conformité à revoir : ${data.facilitatorName} — ${data.sessionTitle} (${data.clientName})`,
    paragraphs: [
      `Bonjour ${data.coordinatorName},`,
      `Avant la session « ${data.sessionTitle} », l'annuaire a vérifié à nouveau la conformité OF de ${data.facilitatorName} : elle n'est plus valable. Motif donné par l'annuaire : « ${data.reason} »`,
      "Faites renouveler sa vérification de conformité avant la session, ou retirez cette personne de la session et invitez quelqu'un d'autre.",
    ],
    facts,
    action: { label: 'Ouvrir la mission', url: missionPage },
  };
}
