/**
 * A manager is asked whether their employee may facilitate a session during working time: who,
 * when, where, how many hours; approve or refuse, with a note the coordinator reads.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { decideApproval } from '../../api/links/link-actions.ts';
import { findMission } from '../../db/queries/missions.ts';
import { findInvitation, type InvitationRecord, isLinkTokenUsed } from '../../db/queries/session-staffing.ts';
import { halfDaysOf, hoursPlanned } from '../../workflows/rules/attendance.ts';
import { button, form, panel, textArea } from '../forms.ts';
import { html } from '../html.ts';
import type { Language } from '../i18n.ts';
import { type FieldError, renderPage } from '../layout.ts';
import { statePage } from '../link-states.ts';
import { field, pageLanguage, readLink, redirectToPage, sendHtml } from '../page-context.ts';
import { sessionFacts, sessionOf } from '../session-facts.ts';
import { PAGE_SURFACE } from '../surface.ts';

const NOTE_MAX = 1000;

const T = {
  title: { fr: 'Demande d’accord de participation', en: 'Request for approval to take part' },
  asks: {
    fr: 'souhaite animer cette session sur son temps de travail et a besoin de votre accord.',
    en: 'would like to facilitate this session during working time and needs your approval.',
  },
  hours: { fr: 'Temps de travail concerné', en: 'Working time concerned' },
  hoursValue: { fr: 'h au total', en: 'h in all' },
  noPay: {
    fr: 'Sa participation n’est pas rémunérée par l’association : elle se fait dans le cadre de son emploi.',
    en: 'The association does not pay for this participation: it is part of their job.',
  },
  note: { fr: 'Note pour la coordination (facultatif)', en: 'Note for the coordinator (optional)' },
  noteHint: {
    fr: 'Par exemple une condition ou la raison d’un refus.',
    en: 'For example a condition, or why you refuse.',
  },
  noteTooLong: {
    fr: `La note ne peut pas dépasser ${NOTE_MAX} caractères`,
    en: `The note cannot be longer than ${NOTE_MAX} characters`,
  },
  approve: { fr: 'Donner mon accord', en: 'Approve' },
  refuse: { fr: 'Refuser', en: 'Refuse' },
  decisionMissing: {
    fr: 'Choisissez de donner votre accord ou de refuser',
    en: 'Choose to approve or refuse',
  },
  approved: { fr: 'Vous avez donné votre accord', en: 'You have approved' },
  yourNote: { fr: 'Votre note pour la coordination :', en: 'Your note for the coordinator:' },
  refused: { fr: 'Vous avez refusé', en: 'You have refused' },
  recorded: { fr: 'Votre réponse est enregistrée', en: 'Your answer is recorded' },
  next: {
    fr: 'La personne concernée et la coordination de la mission sont prévenues. Il n’y a rien d’autre à faire.',
    en: 'Your employee and the mission’s coordinator have been told. There is nothing else to do.',
  },
};

/** The decision as recorded, or as just sent (the session hears of it a moment later). */
function decided(invitation: InvitationRecord, language: Language, justSent: string | undefined) {
  const approval = invitation.approval === 'pending' ? justSent : invitation.approval;
  const title =
    approval === 'approved' || approval === 'approve'
      ? T.approved[language]
      : approval === 'refused' || approval === 'refuse'
        ? T.refused[language]
        : T.recorded[language];
  return panel(
    title,
    html`<p>${T.next[language]}</p>${
      invitation.approvalNote ? html`<p>${T.yourNote[language]} « ${invitation.approvalNote} »</p>` : ''
    }`,
  );
}

export function approvalPages(app: FastifyInstance, deps: ApiDependencies): void {
  async function load(token: string) {
    const claims = await readLink(deps, token, 'managerApproval');
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
    note = '',
  ): string {
    const { invitation, mission, session } = loaded;
    return renderPage({
      language,
      title: T.title[language],
      path,
      errors,
      body: html`<h1>${T.title[language]}</h1>
<p class="lead"><strong>${invitation.facilitatorName}</strong> ${T.asks[language]}</p>
${sessionFacts(mission, session, language)}
<p><strong>${T.hours[language]}</strong> : ${hoursPlanned(halfDaysOf(session)).toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB')} ${T.hoursValue[language]}.</p>
<p>${T.noPay[language]}</p>
${form(
  path,
  html`${textArea({ id: 'note', label: T.note[language], hint: T.noteHint[language], errors, value: note, maxlength: NOTE_MAX })}
<div id="decision">${button(T.approve[language], { name: 'decision', value: 'approve' })}${button(T.refuse[language], { name: 'decision', value: 'refuse', secondary: true })}</div>`,
)}`,
    });
  }

  app.get<{ Params: { token: string }; Querystring: { decided?: string } }>(
    '/links/approvals/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      if (loaded.session.status === 'cancelled')
        return sendHtml(reply, 410, statePage('sessionCancelled', language).body);
      const used = await isLinkTokenUsed(deps.pool, loaded.claims.tokenId);
      if (used || loaded.invitation.approval !== 'pending') {
        return sendHtml(
          reply,
          200,
          renderPage({
            language,
            title: T.title[language],
            path: request.url,
            body: html`<h1>${T.title[language]}</h1>
${decided(loaded.invitation, language, request.query.decided)}
${sessionFacts(loaded.mission, loaded.session, language)}`,
          }),
        );
      }
      return sendHtml(reply, 200, render(loaded, language, request.url));
    },
  );

  app.post<{ Params: { token: string } }>(
    '/links/approvals/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      if (await isLinkTokenUsed(deps.pool, loaded.claims.tokenId)) return redirectToPage(reply, request);
      const decision = field(request.body, 'decision');
      const note = field(request.body, 'note');
      const errors: FieldError[] = [];
      if (decision !== 'approve' && decision !== 'refuse')
        errors.push({ field: 'decision', message: T.decisionMissing[language] });
      if (note.length > NOTE_MAX) errors.push({ field: 'note', message: T.noteTooLong[language] });
      if (errors.length > 0) return sendHtml(reply, 422, render(loaded, language, request.url, errors, note));
      await decideApproval(deps, loaded.claims, {
        approved: decision === 'approve',
        ...(note ? { note } : {}),
      });
      return redirectToPage(reply, request, { decided: decision });
    },
  );
}
