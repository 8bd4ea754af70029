/**
 * A participant's positioning test, from their convocation to a training: a few questions on their
 * level, expectations, prerequisites and any adaptation they need, so the trainer can adapt the
 * training. Answered once; the link then says the answers were sent.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { answerPositioningTest } from '../../api/links/link-actions.ts';
import { ProblemError } from '../../api/problems.ts';
import type { Question } from '../../config/question-schema.ts';
import { positioningQuestions } from '../../config/question-sets.ts';
import { offerVersion } from '../../db/queries/catalogue.ts';
import { findMission, findSessionOwner } from '../../db/queries/missions.ts';
import { findSessionFollowUp, isLinkTokenUsed } from '../../db/queries/session-staffing.ts';
import type { OfferRef } from '../../workflows/messages/domain.ts';
import { button, form, panel } from '../forms.ts';
import { html } from '../html.ts';
import { formatDay, type Language } from '../i18n.ts';
import { type FieldError, renderPage } from '../layout.ts';
import { missionEnded, statePage } from '../link-states.ts';
import { pageLanguage, readLink, redirectToPage, sendHtml } from '../page-context.ts';
import { questionFields, readAnswers } from '../questions.ts';
import { sessionFacts, sessionOf } from '../session-facts.ts';
import { PAGE_SURFACE } from '../surface.ts';

const T = {
  title: { fr: 'Test de positionnement', en: 'Positioning test' },
  hello: { fr: 'Bonjour', en: 'Hello' },
  why: {
    fr: 'avant votre formation, ces quelques questions permettent à votre formateur·ice de connaître votre niveau et vos attentes, pour adapter la formation à vos besoins.',
    en: 'before your training, these few questions let your trainer know your level and what you expect, so they can adapt the training to your needs.',
  },
  noWrong: {
    fr: 'Il n’y a pas de bonne ou de mauvaise réponse. Comptez cinq minutes. Vous ne pourrez plus modifier vos réponses après l’envoi.',
    en: 'There are no right or wrong answers. It takes about five minutes. You cannot change your answers once sent.',
  },
  send: { fr: 'Envoyer mes réponses', en: 'Send my answers' },
  sent: { fr: 'Merci, vos réponses sont transmises', en: 'Thank you, your answers have been sent' },
  sentNext: {
    fr: 'Votre formateur·ice les lira avant la formation. Rendez-vous le',
    en: 'Your trainer will read them before the training. See you on',
  },
} as const;

export function positioningTestPages(app: FastifyInstance, deps: ApiDependencies): void {
  // Read once at start: a bad POSITIONING_QUESTIONS_FILE stops the API with what is wrong.
  const defaultQuestions: Question[] = positioningQuestions();

  /**
   * The questions of the catalogue version the session delivers, which staff wrote for that
   * training; the default set when it names none or its offer asks none.
   */
  async function questionsFor(offer: OfferRef | null): Promise<Question[]> {
    const version = offer && (await offerVersion(deps.pool, offer.offerId, offer.version));
    return version && version.positioningQuestions.length > 0
      ? version.positioningQuestions
      : defaultQuestions;
  }

  async function load(token: string) {
    const claims = await readLink(deps, token, 'positioningTest');
    const owner = await findSessionOwner(deps.pool, claims.sessionId);
    const { mission, session } = sessionOf(
      owner && (await findMission(deps.pool, owner.missionId)),
      claims.sessionId,
    );
    const participant = (await findSessionFollowUp(deps.pool, claims.sessionId))?.participants.find(
      (candidate) => candidate.participantId === claims.subjectId,
    );
    // Someone removed from the session has nothing to answer: the link no longer works.
    if (!participant) throw new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
    return { claims, mission, session, participant, questions: await questionsFor(session.offer) };
  }

  type Loaded = Awaited<ReturnType<typeof load>>;

  /** The session's state decides before the form does: a closed mission or a cancelled session has nothing to ask. */
  function refusal(loaded: Loaded, language: Language) {
    if (loaded.mission.status !== 'open') return statePage(missionEnded(loaded.mission.status), language);
    if (loaded.session.status === 'cancelled') return statePage('sessionCancelled', language);
    return null;
  }

  function render(
    loaded: Loaded,
    language: Language,
    path: string,
    errors: FieldError[] = [],
    values: Record<string, string> = {},
  ): string {
    const { mission, session, participant, questions } = loaded;
    return renderPage({
      language,
      title: T.title[language],
      path,
      errors,
      body: html`<h1>${T.title[language]}</h1>
<p class="lead">${T.hello[language]} ${participant.firstName}, ${T.why[language]}</p>
${sessionFacts(mission, session, language)}
<p>${T.noWrong[language]}</p>
${form(path, html`${questionFields(questions, language, errors, values)}${button(T.send[language])}`)}`,
    });
  }

  app.get<{ Params: { token: string } }>(
    '/links/positioning-tests/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      const refused = refusal(loaded, language);
      if (refused) return sendHtml(reply, refused.status, refused.body);
      if (await isLinkTokenUsed(deps.pool, loaded.claims.tokenId)) {
        const { mission, session } = loaded;
        return sendHtml(
          reply,
          200,
          renderPage({
            language,
            title: T.title[language],
            path: request.url,
            body: html`<h1>${T.title[language]}</h1>
${panel(T.sent[language], html`${T.sentNext[language]} ${formatDay(session.startsAt, language, session.timeZone)}.`)}
${sessionFacts(mission, session, language)}`,
          }),
        );
      }
      return sendHtml(reply, 200, render(loaded, language, request.url));
    },
  );

  app.post<{ Params: { token: string } }>(
    '/links/positioning-tests/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      const refused = refusal(loaded, language);
      if (refused) return sendHtml(reply, refused.status, refused.body);
      if (await isLinkTokenUsed(deps.pool, loaded.claims.tokenId)) return redirectToPage(reply, request);
      const { answers, values, errors } = readAnswers(loaded.questions, request.body, language);
      if (errors.length > 0)
        return sendHtml(reply, 422, render(loaded, language, request.url, errors, values));
      await answerPositioningTest(deps, loaded.claims, answers);
      return redirectToPage(reply, request);
    },
  );
}
