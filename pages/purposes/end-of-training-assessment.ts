/**
 * A trainee's end-of-training assessment (Code du travail L6353-1), from the e-mail sent once a
 * training action's attendance is proven: where they stand on each objective of the offer version
 * the session delivered, then the offer's own questions. Their answers are the results their
 * attestation de fin de formation prints, as their self-assessment. Answered once; the link then
 * says the answers are recorded and the attestation is on its way.
 */
import type { FastifyInstance } from 'fastify';
import { loadOffer } from '../../activities/documents/offer.ts';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { answerEndOfTrainingAssessment } from '../../api/links/link-actions.ts';
import { ProblemError } from '../../api/problems.ts';
import { EXTRA_QUESTION_PREFIX, endOfTrainingAssessmentQuestions } from '../../config/question-sets.ts';
import { findAssessment } from '../../db/queries/end-of-training-assessments.ts';
import { findMission, findSessionOwner } from '../../db/queries/missions.ts';
import { findSessionFollowUp, isLinkTokenUsed } from '../../db/queries/session-staffing.ts';
import {
  objectiveQuestionId,
  readAssessmentSubject,
} from '../../workflows/rules/end-of-training-assessment.ts';
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
  title: { fr: 'Évaluation de vos acquis', en: 'Assessing what you have learnt' },
  hello: { fr: 'Bonjour', en: 'Hello' },
  why: {
    fr: 'vous venez de suivre cette formation. Pour chacun de ses objectifs, dites où vous en êtes aujourd’hui : vos réponses figureront comme votre auto-évaluation sur votre attestation de fin de formation.',
    en: 'you have just completed this training. For each of its objectives, say where you stand today: your answers will appear as your self-assessment on your end-of-training attestation.',
  },
  deadline: { fr: 'Répondez au plus tard le', en: 'Please answer by' },
  deadlineNext: {
    fr: 'sans réponse, l’attestation indiquera vos acquis comme non évalués. Vous ne pourrez plus modifier vos réponses après l’envoi.',
    en: 'without an answer, the attestation will show what you learnt as not assessed. You cannot change your answers once sent.',
  },
  objectives: { fr: 'Les objectifs de la formation', en: 'The training’s objectives' },
  objectivesInFrench: {
    fr: '',
    en: 'The objectives are written in French, as your attestation states them.',
  },
  more: { fr: 'Pour aller plus loin', en: 'A little more' },
  send: { fr: 'Envoyer mon évaluation', en: 'Send my assessment' },
  recorded: { fr: 'Merci, votre évaluation est enregistrée', en: 'Thank you, your assessment is recorded' },
  recordedOn: { fr: 'Vous avez répondu le', en: 'You answered on' },
  recordedNext: {
    fr: 'Votre attestation de fin de formation vous est envoyée par e-mail. Vous ne pouvez plus modifier vos réponses.',
    en: 'Your end-of-training attestation is being sent to you by e-mail. Your answers can no longer be changed.',
  },
} as const;

export function endOfTrainingAssessmentPages(app: FastifyInstance, deps: ApiDependencies): void {
  const invalid = () => new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');

  async function load(token: string) {
    const claims = await readLink(deps, token, 'endOfTrainingAssessment');
    const subject = readAssessmentSubject(claims.subjectId);
    if (!subject) throw invalid();
    const owner = await findSessionOwner(deps.pool, claims.sessionId);
    const { mission, session } = sessionOf(
      owner && (await findMission(deps.pool, owner.missionId)),
      claims.sessionId,
    );
    const participant = (await findSessionFollowUp(deps.pool, claims.sessionId))?.participants.find(
      (candidate) => candidate.participantId === subject.participantId,
    );
    // Someone removed from the session has nothing to answer: the link no longer works.
    if (!participant) throw invalid();
    const offer = await loadOffer(deps.pool, subject.offer, session.kind);
    const answered = await findAssessment(deps.pool, claims.sessionId, subject.participantId);
    return { claims, subject, mission, session, participant, offer, answered };
  }

  type Loaded = Awaited<ReturnType<typeof load>>;

  /** A cancelled session has nothing to assess; a closed mission still lets the trainee answer. */
  function refusal(loaded: Loaded, language: Language) {
    if (loaded.mission.status === 'cancelled')
      return statePage(missionEnded(loaded.mission.status), language);
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
    const { mission, session, participant, claims, offer } = loaded;
    const questions = endOfTrainingAssessmentQuestions(offer);
    const note = T.objectivesInFrench[language];
    return renderPage({
      language,
      title: T.title[language],
      path,
      errors,
      body: html`<h1>${T.title[language]}</h1>
<p class="lead">${T.hello[language]} ${participant.firstName}, ${T.why[language]}</p>
${sessionFacts(mission, session, language)}
<p>${T.deadline[language]} ${formatDay(claims.expiresAt, language, session.timeZone)}${language === 'fr' ? ' ; ' : '; '}${T.deadlineNext[language]}</p>
${form(
  path,
  html`<h2>${T.objectives[language]}</h2>
${note ? html`<p class="hint">${note}</p>` : ''}
${questionFields(questions.objectives, language, errors, values)}
<h2>${T.more[language]}</h2>
${questionFields(questions.extra, language, errors, values)}
${button(T.send[language])}`,
)}`,
    });
  }

  function recordedPage(loaded: Loaded, language: Language, path: string): string {
    const answeredAt = loaded.answered?.answeredAt;
    return renderPage({
      language,
      title: T.title[language],
      path,
      body: html`<h1>${T.title[language]}</h1>
${panel(
  T.recorded[language],
  html`${answeredAt ? html`${T.recordedOn[language]} ${formatDay(answeredAt, language, loaded.session.timeZone)}. ` : ''}${T.recordedNext[language]}`,
)}
${sessionFacts(loaded.mission, loaded.session, language)}`,
    });
  }

  app.get<{ Params: { token: string } }>(
    '/links/end-of-training-assessments/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      const refused = refusal(loaded, language);
      if (refused) return sendHtml(reply, refused.status, refused.body);
      if (loaded.answered || (await isLinkTokenUsed(deps.pool, loaded.claims.tokenId)))
        return sendHtml(reply, 200, recordedPage(loaded, language, request.url));
      return sendHtml(reply, 200, render(loaded, language, request.url));
    },
  );

  app.post<{ Params: { token: string } }>(
    '/links/end-of-training-assessments/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      const refused = refusal(loaded, language);
      if (refused) return sendHtml(reply, refused.status, refused.body);
      // Answered already (another tab, the e-mail opened twice): the page says so.
      if (loaded.answered || (await isLinkTokenUsed(deps.pool, loaded.claims.tokenId)))
        return redirectToPage(reply, request);
      const questions = endOfTrainingAssessmentQuestions(loaded.offer);
      const { answers, values, errors } = readAnswers(
        [...questions.objectives, ...questions.extra],
        request.body,
        language,
      );
      if (errors.length > 0)
        return sendHtml(reply, 422, render(loaded, language, request.url, errors, values));
      await answerEndOfTrainingAssessment(
        deps,
        loaded.claims,
        loaded.subject,
        { offerId: loaded.offer.offerId, version: loaded.offer.version },
        {
          levels: loaded.offer.objectives.map((_, index) => String(answers[objectiveQuestionId(index)])),
          answers: Object.fromEntries(
            Object.entries(answers)
              .filter(([id]) => id.startsWith(EXTRA_QUESTION_PREFIX))
              .map(([id, value]) => [id.slice(EXTRA_QUESTION_PREFIX.length), value]),
          ),
        },
        request.log,
      );
      return redirectToPage(reply, request);
    },
  );
}
