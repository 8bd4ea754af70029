/**
 * A facilitator's invitation: what the session is, then accept or decline in one tap. A client's
 * employee is asked whether they take part during working time, which starts their manager's approval.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { answerInvitation } from '../../api/links/link-actions.ts';
import { findMission } from '../../db/queries/missions.ts';
import { findInvitation, type InvitationRecord, isLinkTokenUsed } from '../../db/queries/session-staffing.ts';
import { button, form, panel, radios } from '../forms.ts';
import { type Html, html } from '../html.ts';
import { formatDateTime, type Language } from '../i18n.ts';
import { type FieldError, renderPage } from '../layout.ts';
import { missionEnded, statePage } from '../link-states.ts';
import { field, pageLanguage, readLink, redirectToPage, sendHtml } from '../page-context.ts';
import { sessionFacts, sessionOf } from '../session-facts.ts';
import { PAGE_SURFACE } from '../surface.ts';

const T = {
  title: { fr: 'Invitation à animer une session', en: 'Invitation to facilitate a session' },
  hello: { fr: 'Bonjour', en: 'Hello' },
  proposes: {
    fr: 'vous propose d’animer cette session.',
    en: 'invites you to facilitate this session.',
  },
  status: { fr: 'Vous interviendrez en tant que', en: 'You would take part as' },
  paid: { fr: 'animateur·ice rémunéré·e', en: 'a paid facilitator' },
  internal: {
    fr: 'salarié·e du client (non rémunéré·e par l’association)',
    en: 'an employee of the client (not paid by the association)',
  },
  volunteer: { fr: 'bénévole', en: 'a volunteer' },
  answerBy: { fr: 'Répondez avant le', en: 'Please answer by' },
  workingTime: {
    fr: 'Participerez-vous sur votre temps de travail ?',
    en: 'Will you take part during your working time?',
  },
  workingTimeHint: {
    fr: 'Si oui, votre manager recevra une demande d’accord par e-mail.',
    en: 'If so, your manager will receive a request for approval by e-mail.',
  },
  yes: { fr: 'Oui, sur mon temps de travail', en: 'Yes, during my working time' },
  no: { fr: 'Non, sur mon temps personnel', en: 'No, on my own time' },
  workingTimeMissing: {
    fr: 'Dites si vous participerez sur votre temps de travail',
    en: 'Say whether you will take part during your working time',
  },
  accept: { fr: 'Accepter l’invitation', en: 'Accept the invitation' },
  decline: { fr: 'Refuser l’invitation', en: 'Decline the invitation' },
  answerMissing: { fr: 'Choisissez d’accepter ou de refuser', en: 'Choose to accept or decline' },
  accepted: { fr: 'Vous avez accepté l’invitation', en: 'You have accepted the invitation' },
  acceptedNext: {
    fr: 'a été prévenu·e. Vous recevrez le lien d’émargement par e-mail au début de la session.',
    en: 'has been told. You will receive the attendance-signing link by e-mail when the session starts.',
  },
  awaitingManager: {
    fr: 'Votre manager a reçu une demande d’accord pour votre participation sur votre temps de travail. Vous et la coordination serez prévenu·es de sa réponse.',
    en: 'Your manager has received a request to approve your taking part during working time. You and the coordinator will be told of their answer.',
  },
  declined: { fr: 'Vous avez refusé l’invitation', en: 'You have declined the invitation' },
  declinedNext: {
    fr: 'a été prévenu·e. Merci d’avoir répondu.',
    en: 'has been told. Thank you for answering.',
  },
  refusedByManager: {
    fr: 'Votre manager n’a pas donné son accord',
    en: 'Your manager did not approve',
  },
  refusedByManagerNext: {
    fr: 'Vous ne participerez pas à cette session. La coordination est prévenue.',
    en: 'You will not take part in this session. The coordinator has been told.',
  },
  withdrawn: { fr: 'Vous vous êtes retiré·e de cette session', en: 'You have withdrawn from this session' },
  expired: { fr: 'Cette invitation a expiré', en: 'This invitation has expired' },
  expiredNext: {
    fr: 'Contactez la personne qui coordonne la mission si vous souhaitez toujours participer.',
    en: 'Contact the person coordinating the mission if you still want to take part.',
  },
} as const;

function answered(invitation: InvitationRecord, coordinator: string, language: Language): Html {
  switch (invitation.status) {
    case 'accepted':
      return panel(
        T.accepted[language],
        invitation.approval === 'pending'
          ? T.awaitingManager[language]
          : html`${coordinator} ${T.acceptedNext[language]}`,
      );
    case 'declined':
      return panel(T.declined[language], html`${coordinator} ${T.declinedNext[language]}`);
    case 'refused_by_manager':
      return panel(T.refusedByManager[language], T.refusedByManagerNext[language]);
    case 'withdrawn':
      return panel(T.withdrawn[language], html`${coordinator} ${T.declinedNext[language]}`);
    default:
      return panel(T.expired[language], T.expiredNext[language]);
  }
}

export function invitationPages(app: FastifyInstance, deps: ApiDependencies): void {
  async function load(token: string) {
    const claims = await readLink(deps, token, 'invitation');
    const invitation = await findInvitation(deps.pool, claims.subjectId);
    const { mission, session } = sessionOf(
      invitation && (await findMission(deps.pool, invitation.missionId)),
      claims.sessionId,
    );
    return { claims, invitation: invitation as InvitationRecord, mission, session };
  }

  function render(
    loaded: Awaited<ReturnType<typeof load>>,
    language: Language,
    path: string,
    errors: FieldError[] = [],
    values: { duringWorkingTime?: string } = {},
  ): string {
    const { invitation, mission, session } = loaded;
    const asksWorkingTime = invitation.facilitatorStatus === 'internal';
    return renderPage({
      language,
      title: T.title[language],
      path,
      errors,
      body: html`<h1>${T.title[language]}</h1>
<p class="lead">${T.hello[language]} ${invitation.facilitatorName}, ${mission.coordinatorName} ${T.proposes[language]}</p>
${sessionFacts(mission, session, language)}
<p>${T.status[language]} <strong>${T[invitation.facilitatorStatus][language]}</strong>.</p>
<p>${T.answerBy[language]} ${formatDateTime(invitation.expiresAt, language, session.timeZone)}.</p>
${form(
  path,
  html`${
    asksWorkingTime
      ? radios({
          id: 'duringWorkingTime',
          label: T.workingTime[language],
          hint: T.workingTimeHint[language],
          errors,
          value: values.duringWorkingTime,
          choices: [
            { value: 'yes', label: T.yes[language] },
            { value: 'no', label: T.no[language] },
          ],
        })
      : ''
  }
<div id="response">${button(T.accept[language], { name: 'response', value: 'accept' })}${button(T.decline[language], { name: 'response', value: 'decline', secondary: true })}</div>`,
)}`,
    });
  }

  app.get<{ Params: { token: string } }>(
    '/links/invitations/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      if (loaded.mission.status !== 'open')
        return sendHtml(reply, 410, statePage(missionEnded(loaded.mission.status), language).body);
      if (loaded.session.status === 'cancelled')
        return sendHtml(reply, 410, statePage('sessionCancelled', language).body);
      const used = await isLinkTokenUsed(deps.pool, loaded.claims.tokenId);
      if (used || loaded.invitation.status !== 'pending') {
        const status = loaded.invitation.status === 'expired' ? 410 : 200;
        return sendHtml(
          reply,
          status,
          renderPage({
            language,
            title: T.title[language],
            path: request.url,
            body: html`<h1>${T.title[language]}</h1>
${answered(loaded.invitation, loaded.mission.coordinatorName, language)}
${sessionFacts(loaded.mission, loaded.session, language)}`,
          }),
        );
      }
      return sendHtml(reply, 200, render(loaded, language, request.url));
    },
  );

  app.post<{ Params: { token: string } }>(
    '/links/invitations/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      if (await isLinkTokenUsed(deps.pool, loaded.claims.tokenId)) return redirectToPage(reply, request);
      const response = field(request.body, 'response');
      const workingTime = field(request.body, 'duringWorkingTime');
      const errors: FieldError[] = [];
      if (response !== 'accept' && response !== 'decline')
        errors.push({ field: 'response', message: T.answerMissing[language] });
      const asksWorkingTime = loaded.invitation.facilitatorStatus === 'internal';
      if (response === 'accept' && asksWorkingTime && workingTime !== 'yes' && workingTime !== 'no')
        errors.push({ field: 'duringWorkingTime', message: T.workingTimeMissing[language] });
      if (errors.length > 0)
        return sendHtml(
          reply,
          422,
          render(loaded, language, request.url, errors, { duringWorkingTime: workingTime }),
        );
      await answerInvitation(deps, loaded.claims, {
        response: response as 'accept' | 'decline',
        ...(response === 'accept' && asksWorkingTime ? { duringWorkingTime: workingTime === 'yes' } : {}),
      });
      return redirectToPage(reply, request);
    },
  );
}
