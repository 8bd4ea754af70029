/**
 * What a person sees when a link cannot do what it was sent for: what happened and what to do,
 * in their language, with the HTTP status that says the same to machines. A forged or unknown
 * token gets no detail at all.
 */
import { ProblemError } from '../api/problems.ts';
import { html } from './html.ts';
import type { Language, Words } from './i18n.ts';
import { renderPage } from './layout.ts';

export type LinkState =
  | 'invalid'
  | 'expired'
  | 'used'
  | 'sessionCancelled'
  | 'sessionStarted'
  | 'missionClosed'
  | 'missionCancelled'
  | 'tooManyAttempts'
  | 'refused'
  | 'unavailable';

const STATES: Record<LinkState, { status: number; title: Words; body: Words }> = {
  invalid: {
    status: 404,
    title: { fr: 'Ce lien ne fonctionne pas', en: 'This link does not work' },
    body: {
      fr: 'Vérifiez que vous avez ouvert le lien complet reçu par e-mail. S’il ne fonctionne toujours pas, répondez à cet e-mail pour en demander un nouveau.',
      en: 'Check that you opened the whole link from the e-mail. If it still does not work, reply to the e-mail to ask for a new one.',
    },
  },
  expired: {
    status: 410,
    title: { fr: 'Ce lien a expiré', en: 'This link has expired' },
    body: {
      fr: 'Le délai pour utiliser ce lien est passé. Si vous souhaitez toujours répondre, contactez la personne qui coordonne la mission : elle pourra vous envoyer un nouveau lien.',
      en: 'The time to use this link has passed. If you still want to answer, contact the person coordinating the mission: they can send you a new link.',
    },
  },
  used: {
    status: 409,
    title: { fr: 'Ce lien a déjà servi', en: 'This link has already been used' },
    body: {
      fr: 'Votre réponse a déjà été enregistrée ; il n’y a rien d’autre à faire.',
      en: 'Your answer has already been recorded; there is nothing else to do.',
    },
  },
  sessionCancelled: {
    status: 410,
    title: { fr: 'Cette session a été annulée', en: 'This session was cancelled' },
    body: {
      fr: 'Il n’y a plus rien à faire avec ce lien. La personne qui coordonne la mission vous a écrit ou vous écrira à ce sujet.',
      en: 'There is nothing left to do with this link. The person coordinating the mission has written or will write to you about it.',
    },
  },
  sessionStarted: {
    status: 409,
    title: { fr: 'Cette session a commencé', en: 'This session has started' },
    body: {
      fr: 'Ce lien ne sert plus depuis le début de la session. Contactez la personne qui coordonne la mission si besoin.',
      en: 'This link stopped working when the session started. Contact the person coordinating the mission if needed.',
    },
  },
  missionClosed: {
    status: 410,
    title: { fr: 'Cette mission est clôturée', en: 'This mission is closed' },
    body: {
      fr: 'Plus rien ne peut être modifié. Pour toute question, écrivez à l’équipe de l’association.',
      en: 'Nothing can be changed any more. For any question, write to the association’s team.',
    },
  },
  missionCancelled: {
    status: 410,
    title: { fr: 'Cette mission a été annulée', en: 'This mission was cancelled' },
    body: {
      fr: 'Ses sessions n’auront pas lieu et il n’y a plus rien à faire avec ce lien. Pour toute question, écrivez à l’équipe de l’association.',
      en: 'Its sessions will not take place and there is nothing left to do with this link. For any question, write to the association’s team.',
    },
  },
  tooManyAttempts: {
    status: 429,
    title: { fr: 'Trop de tentatives', en: 'Too many attempts' },
    body: {
      fr: 'Patientez une minute, puis rechargez la page.',
      en: 'Wait a minute, then reload the page.',
    },
  },
  refused: {
    status: 409,
    title: { fr: 'Cette action n’est plus possible', en: 'This can no longer be done' },
    body: {
      fr: 'La situation a changé depuis l’envoi de cet e-mail. Contactez la personne qui coordonne la mission.',
      en: 'Things have changed since this e-mail was sent. Contact the person coordinating the mission.',
    },
  },
  unavailable: {
    status: 503,
    title: { fr: 'Le service est momentanément indisponible', en: 'The service is briefly unavailable' },
    body: {
      fr: 'Votre réponse n’a peut-être pas été enregistrée. Réessayez dans quelques instants avec le même lien.',
      en: 'Your answer may not have been recorded. Try again in a few moments with the same link.',
    },
  },
};

/** What the rule said, in the person's words, for the refusals a link page can meet. */
const REFUSALS: Record<string, Words> = {
  SESSION_CLOSED: {
    fr: 'Cette session est terminée ou a été annulée.',
    en: 'This session has ended or was cancelled.',
  },
  INVITATION_NOT_PENDING: {
    fr: 'Cette invitation a déjà reçu une réponse ou a été retirée.',
    en: 'This invitation has already been answered or withdrawn.',
  },
  INVITATION_EXPIRED: { fr: 'Cette invitation a expiré.', en: 'This invitation has expired.' },
  SLOTS_FULL: {
    fr: 'Toutes les places d’animation de cette session sont prises.',
    en: 'Every facilitator place on this session is taken.',
  },
  REGISTRATION_CLOSED: {
    fr: 'Les inscriptions sont closes : la session a commencé.',
    en: 'Registration is closed: the session has started.',
  },
  SESSION_FULL: { fr: 'La session est complète.', en: 'The session is full.' },
  APPROVAL_CLOSED: {
    fr: 'Cette demande d’accord n’est plus ouverte (retirée, ou la session a commencé).',
    en: 'This approval request is no longer open (withdrawn, or the session has started).',
  },
  APPROVAL_ALREADY_DECIDED: {
    fr: 'Cette demande d’accord a déjà reçu une réponse.',
    en: 'This approval request has already been answered.',
  },
  FUNDING_CLOSED: {
    fr: 'Aucune décision de financement n’est plus attendue pour cette formation.',
    en: 'No funding decision is awaited for this training any more.',
  },
  FUNDING_ALREADY_DECIDED: {
    fr: 'La décision du financeur est déjà enregistrée.',
    en: 'The funder’s decision is already recorded.',
  },
  SESSION_ALREADY_STARTED: { fr: 'La session a commencé.', en: 'The session has started.' },
  REGISTRATION_LINK_REVOKED: {
    fr: 'Le lien d’inscription utilisé a été retiré par la personne qui coordonne la session.',
    en: 'The registration link you used was withdrawn by the person coordinating the session.',
  },
  SURVEY_ALREADY_ANSWERED: {
    fr: 'Vous avez déjà répondu à ce questionnaire : merci, vos réponses sont enregistrées.',
    en: 'You have already answered this questionnaire: thank you, your answers are recorded.',
  },
};

export function statePage(
  state: LinkState,
  language: Language,
  detail?: { code: string; message?: string },
): { status: number; body: string } {
  const { status, title, body } = STATES[state];
  const said = detail ? REFUSALS[detail.code]?.[language] : undefined;
  return {
    status,
    body: renderPage({
      language,
      title: title[language],
      body: html`<h1>${title[language]}</h1>
${said ? html`<p class="lead">${said}</p>` : ''}
<p>${body[language]}</p>
${detail ? html`<p class="status-code">${language === 'fr' ? 'Code : ' : 'Code: '}${detail.code}</p>` : ''}`,
    }),
  };
}

/** A mission that no longer takes anything: closed at its end, or cancelled. */
export const missionEnded = (status: string): LinkState =>
  status === 'cancelled' ? 'missionCancelled' : 'missionClosed';

/** The page for a refusal thrown by a link's check or by the workflow behind it. */
export function pageForProblem(error: unknown, language: Language): { status: number; body: string } {
  if (!(error instanceof ProblemError)) return statePage('unavailable', language);
  switch (error.code) {
    case 'LINK_INVALID':
    case 'SIGNING_CODE_NOT_FOUND':
    case 'INVITATION_NOT_FOUND':
    case 'SESSION_NOT_FOUND':
      return statePage('invalid', language);
    case 'LINK_EXPIRED':
      return statePage('expired', language);
    case 'LINK_ALREADY_USED':
      return statePage('used', language);
    case 'RATE_LIMITED':
      return statePage('tooManyAttempts', language);
    case 'SESSION_CANCELLED':
      return statePage('sessionCancelled', language);
    case 'MISSION_CLOSED':
      return statePage('missionClosed', language);
    case 'MISSION_CANCELLED':
      return statePage('missionCancelled', language);
  }
  if (error.status >= 500) return statePage('unavailable', language);
  const page = statePage('refused', language, { code: error.code });
  return { status: error.status === 422 ? 409 : error.status, body: page.body };
}
