/**
 * A participant's satisfaction survey (Qualiopi indicator 30): the hot one with their certificate,
 * the cold one three months later, which also asks what they have applied since. One answer each;
 * the link then thanks them.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { answerSurvey } from '../../api/links/link-actions.ts';
import { readSurveySubject } from '../../api/missions/share-links.ts';
import { ProblemError } from '../../api/problems.ts';
import { surveyQuestions } from '../../config/question-sets.ts';
import { findMission, findSessionOwner } from '../../db/queries/missions.ts';
import { findSessionFollowUp, isLinkTokenUsed } from '../../db/queries/session-staffing.ts';
import { button, form, panel } from '../forms.ts';
import { html } from '../html.ts';
import type { Language } from '../i18n.ts';
import { type FieldError, renderPage } from '../layout.ts';
import { pageLanguage, readLink, redirectToPage, sendHtml } from '../page-context.ts';
import { questionFields, readAnswers } from '../questions.ts';
import { sessionFacts, sessionOf } from '../session-facts.ts';
import { PAGE_SURFACE } from '../surface.ts';

const T = {
  hotTitle: { fr: 'Votre avis sur la formation', en: 'Your opinion of the training' },
  coldTitle: { fr: 'Trois mois après : votre avis', en: 'Three months on: your opinion' },
  hello: { fr: 'Bonjour', en: 'Hello' },
  hotWhy: {
    fr: 'vous venez de suivre cette formation. Vos réponses nous aident à l’améliorer ; elles sont lues par l’équipe qui l’organise. Cela prend deux minutes.',
    en: 'you have just taken this training. Your answers help us improve it; the team that organises it reads them. It takes two minutes.',
  },
  coldWhy: {
    fr: 'vous avez suivi cette formation il y a trois mois. Dites-nous ce qu’il vous en reste et ce que vous en avez fait : cela nous aide à l’améliorer. Cela prend deux minutes.',
    en: 'you took this training three months ago. Tell us what you kept from it and what you have done with it: it helps us improve it. It takes two minutes.',
  },
  send: { fr: 'Envoyer mon avis', en: 'Send my answers' },
  thanks: { fr: 'Merci, vos réponses sont enregistrées', en: 'Thank you, your answers are recorded' },
  thanksNext: {
    fr: 'Il n’y a rien d’autre à faire. Bonne continuation !',
    en: 'There is nothing else to do. All the best!',
  },
} as const;

/** The overall rating and the comment have their own columns; the rest of the questionnaire is kept by id. */
const OWN_COLUMNS = new Set(['rating', 'comment']);

export function surveyPages(app: FastifyInstance, deps: ApiDependencies): void {
  async function load(token: string) {
    const claims = await readLink(deps, token, 'survey');
    const survey = readSurveySubject(claims.subjectId);
    if (!survey) throw new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
    const owner = await findSessionOwner(deps.pool, claims.sessionId);
    const { mission, session } = sessionOf(
      owner && (await findMission(deps.pool, owner.missionId)),
      claims.sessionId,
    );
    const followUp = await findSessionFollowUp(deps.pool, claims.sessionId);
    const participant = followUp?.participants.find(
      (candidate) => candidate.participantId === survey.participantId,
    );
    if (!participant) throw new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
    // Answered from another of its e-mails (the reminder carries its own link).
    const answeredElsewhere = (followUp?.surveys ?? []).some(
      (sent) =>
        sent.participantId === survey.participantId && sent.kind === survey.kind && sent.answeredAt !== null,
    );
    return { claims, survey, mission, session, participant, answeredElsewhere };
  }

  type Loaded = Awaited<ReturnType<typeof load>>;

  const titleOf = (loaded: Loaded, language: Language) =>
    (loaded.survey.kind === 'cold' ? T.coldTitle : T.hotTitle)[language];

  function render(
    loaded: Loaded,
    language: Language,
    path: string,
    errors: FieldError[] = [],
    values: Record<string, string> = {},
  ): string {
    const { mission, session, participant, survey } = loaded;
    const why = survey.kind === 'cold' ? T.coldWhy : T.hotWhy;
    return renderPage({
      language,
      title: titleOf(loaded, language),
      path,
      errors,
      body: html`<h1>${titleOf(loaded, language)}</h1>
<p class="lead">${T.hello[language]} ${participant.firstName}, ${why[language]}</p>
${sessionFacts(mission, session, language)}
${form(path, html`${questionFields(surveyQuestions(survey.kind), language, errors, values)}${button(T.send[language])}`)}`,
    });
  }

  app.get<{ Params: { token: string } }>(
    '/links/surveys/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      if (loaded.answeredElsewhere || (await isLinkTokenUsed(deps.pool, loaded.claims.tokenId)))
        return sendHtml(
          reply,
          200,
          renderPage({
            language,
            title: titleOf(loaded, language),
            path: request.url,
            body: html`<h1>${titleOf(loaded, language)}</h1>
${panel(T.thanks[language], T.thanksNext[language])}
${sessionFacts(loaded.mission, loaded.session, language)}`,
          }),
        );
      return sendHtml(reply, 200, render(loaded, language, request.url));
    },
  );

  app.post<{ Params: { token: string } }>(
    '/links/surveys/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      pageLanguage(request);
      const loaded = await load(request.params.token);
      const language = pageLanguage(request, loaded.session.language);
      if (loaded.answeredElsewhere || (await isLinkTokenUsed(deps.pool, loaded.claims.tokenId)))
        return redirectToPage(reply, request);
      const { answers, values, errors } = readAnswers(
        surveyQuestions(loaded.survey.kind),
        request.body,
        language,
      );
      if (errors.length > 0)
        return sendHtml(reply, 422, render(loaded, language, request.url, errors, values));
      await answerSurvey(
        deps,
        loaded.claims,
        {
          rating: answers.rating as number,
          comment: typeof answers.comment === 'string' ? answers.comment : null,
          answers: Object.fromEntries(Object.entries(answers).filter(([id]) => !OWN_COLUMNS.has(id))),
        },
        request.log,
      );
      return redirectToPage(reply, request);
    },
  );
}
