/**
 * A participant registers from the link the client's contact forwarded: first name, last name,
 * e-mail. The convocation follows by e-mail. Full, closed and already-registered are said plainly.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { requestRegistrationFromLink } from '../../api/links/link-actions.ts';
import { ProblemError } from '../../api/problems.ts';
import { findMission, findSessionOwner } from '../../db/queries/missions.ts';
import { findRegistrationLink } from '../../db/queries/registration-links.ts';
import { findSessionFollowUp } from '../../db/queries/session-staffing.ts';
import { isPersonName } from '../../workflows/rules/registration.ts';
import { button, form, panel, textField } from '../forms.ts';
import { html } from '../html.ts';
import type { Language } from '../i18n.ts';
import { type FieldError, renderPage } from '../layout.ts';
import { statePage } from '../link-states.ts';
import { field, pageLanguage, readLink, redirectToPage, sendHtml } from '../page-context.ts';
import { sessionFacts, sessionOf } from '../session-facts.ts';
import { PAGE_SURFACE } from '../surface.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME_MAX = 60;

const T = {
  title: { fr: 'S’inscrire à la session', en: 'Register for the session' },
  intro: {
    fr: 'Inscrivez-vous pour recevoir votre convocation et, pour une formation, le test de positionnement.',
    en: 'Register to receive your invitation letter and, for a training, the positioning test.',
  },
  firstName: { fr: 'Prénom', en: 'First name' },
  lastName: { fr: 'Nom', en: 'Last name' },
  email: { fr: 'Adresse e-mail', en: 'E-mail address' },
  emailHint: {
    fr: 'Votre convocation sera envoyée à cette adresse.',
    en: 'Your invitation letter will be sent to this address.',
  },
  firstNameMissing: { fr: 'Saisissez votre prénom', en: 'Enter your first name' },
  lastNameMissing: { fr: 'Saisissez votre nom', en: 'Enter your last name' },
  nameInvalid: {
    fr: `Un nom commence par une lettre et ne contient que des lettres, chiffres, espaces, tirets, apostrophes et points (${NAME_MAX} caractères au plus)`,
    en: `A name starts with a letter and holds only letters, numerals, spaces, hyphens, apostrophes and dots (${NAME_MAX} characters at most)`,
  },
  emailInvalid: {
    fr: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
    en: 'Enter a valid e-mail address, like name@example.org',
  },
  register: { fr: 'M’inscrire', en: 'Register' },
  requested: { fr: 'Plus qu’une étape : confirmez votre adresse', en: 'One more step: confirm your address' },
  requestedBody: {
    fr: 'Nous venons d’envoyer un e-mail à l’adresse indiquée. Ouvrez-le et confirmez votre inscription : votre convocation suivra. Pensez à regarder dans vos courriers indésirables.',
    en: 'We have just sent an e-mail to the address you gave. Open it and confirm your registration: your invitation letter will follow. Remember to check your spam folder.',
  },
  revoked: { fr: 'Ce lien d’inscription a été retiré', en: 'This registration link has been withdrawn' },
  revokedBody: {
    fr: 'Demandez un nouveau lien à la personne qui vous l’a transmis.',
    en: 'Ask the person who sent it to you for a new link.',
  },
  linkFull: {
    fr: 'Ce lien a atteint le nombre d’inscriptions prévu',
    en: 'This link has reached the number of registrations it allows',
  },
  linkFullBody: {
    fr: 'Contactez la personne qui vous l’a transmis.',
    en: 'Contact the person who sent it to you.',
  },
  already: { fr: 'Vous êtes déjà inscrit·e', en: 'You are already registered' },
  alreadyBody: {
    fr: 'Cette adresse est déjà inscrite à cette session : il n’y a rien d’autre à faire.',
    en: 'This address is already registered for this session: there is nothing else to do.',
  },
  full: { fr: 'La session est complète', en: 'The session is full' },
  fullBody: {
    fr: 'Toutes les places sont prises. Contactez la personne qui vous a transmis ce lien : une autre session pourra peut-être vous accueillir.',
    en: 'Every place is taken. Contact the person who sent you this link: another session may have room for you.',
  },
  closed: { fr: 'Les inscriptions sont closes', en: 'Registration is closed' },
  closedBody: {
    fr: 'Les inscriptions ferment au début de la session. Contactez la personne qui vous a transmis ce lien.',
    en: 'Registration closes when the session starts. Contact the person who sent you this link.',
  },
};

export function registrationPages(app: FastifyInstance, deps: ApiDependencies): void {
  async function load(token: string) {
    const claims = await readLink(deps, token, 'participantRegistration');
    const owner = await findSessionOwner(deps.pool, claims.sessionId);
    const { mission, session } = sessionOf(
      owner && (await findMission(deps.pool, owner.missionId)),
      claims.sessionId,
    );
    const participants = (await findSessionFollowUp(deps.pool, claims.sessionId))?.participants ?? [];
    const link = await findRegistrationLink(deps.pool, claims.tokenId);
    if (!link || link.sessionId !== claims.sessionId)
      throw new ProblemError(401, 'LINK_INVALID', 'This link is not valid.');
    return { claims, mission, session, participants, link };
  }

  /** A registration link lasts until the session starts: past that it is closed, not broken. */
  const isClosed = (error: unknown) =>
    ['LINK_EXPIRED', 'REGISTRATION_CLOSED'].includes((error as { code?: string }).code ?? '');

  function stopped(language: Language, title: string, body: string, path: string): string {
    return renderPage({
      // The client's contact forwards this link: no page behind it may say it is personal.
      personalLink: false,
      language,
      title,
      path,
      body: html`<h1>${title}</h1><div class="panel stop"><p>${body}</p></div>`,
    });
  }

  function render(
    loaded: Awaited<ReturnType<typeof load>>,
    language: Language,
    path: string,
    errors: FieldError[] = [],
    values: Record<string, string> = {},
  ): string {
    return renderPage({
      personalLink: false,
      language,
      title: T.title[language],
      path,
      errors,
      body: html`<h1>${T.title[language]}</h1>
<p class="lead">${T.intro[language]}</p>
${sessionFacts(loaded.mission, loaded.session, language, { coordinator: false })}
${form(
  path.replace(/[?&]requested=1/, ''),
  html`${textField({ id: 'firstName', label: T.firstName[language], errors, value: values.firstName, autocomplete: 'given-name', maxlength: NAME_MAX })}
${textField({ id: 'lastName', label: T.lastName[language], errors, value: values.lastName, autocomplete: 'family-name', maxlength: NAME_MAX })}
${textField({ id: 'email', type: 'email', label: T.email[language], hint: T.emailHint[language], errors, value: values.email, autocomplete: 'email', maxlength: 320 })}
${button(T.register[language])}`,
)}`,
    });
  }

  /** What stops a registration before any form is shown: cancelled, started, full. */
  function blocked(loaded: Awaited<ReturnType<typeof load>>, language: Language, path: string) {
    if (loaded.session.status === 'cancelled') return statePage('sessionCancelled', language);
    if (loaded.link.revokedAt)
      return { status: 410, body: stopped(language, T.revoked[language], T.revokedBody[language], path) };
    if (loaded.session.status !== 'planned')
      return { status: 410, body: stopped(language, T.closed[language], T.closedBody[language], path) };
    if (loaded.participants.length >= loaded.session.capacity)
      return { status: 409, body: stopped(language, T.full[language], T.fullBody[language], path) };
    return null;
  }

  const closedPage = (language: Language, path: string) =>
    stopped(language, T.closed[language], T.closedBody[language], path);

  app.get<{ Params: { token: string }; Querystring: { requested?: string } }>(
    '/links/registrations/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      let language = pageLanguage(request);
      try {
        const loaded = await load(request.params.token);
        language = pageLanguage(request, loaded.session.language);
        if (request.query.requested === '1') {
          return sendHtml(
            reply,
            200,
            renderPage({
              personalLink: false,
              language,
              title: T.requested[language],
              path: request.url,
              body: html`<h1>${T.title[language]}</h1>${panel(T.requested[language], T.requestedBody[language])}
${sessionFacts(loaded.mission, loaded.session, language, { coordinator: false })}`,
            }),
          );
        }
        const stop = blocked(loaded, language, request.url);
        if (stop) return sendHtml(reply, stop.status, stop.body);
        return sendHtml(reply, 200, render(loaded, language, request.url));
      } catch (error) {
        if (isClosed(error)) return sendHtml(reply, 410, closedPage(language, request.url));
        throw error;
      }
    },
  );

  app.post<{ Params: { token: string } }>(
    '/links/registrations/:token',
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      let language = pageLanguage(request);
      try {
        const loaded = await load(request.params.token);
        language = pageLanguage(request, loaded.session.language);
        const values = {
          firstName: field(request.body, 'firstName'),
          lastName: field(request.body, 'lastName'),
          email: field(request.body, 'email'),
        };
        const errors: FieldError[] = [];
        if (!values.firstName) errors.push({ field: 'firstName', message: T.firstNameMissing[language] });
        else if (!isPersonName(values.firstName))
          errors.push({ field: 'firstName', message: T.nameInvalid[language] });
        if (!values.lastName) errors.push({ field: 'lastName', message: T.lastNameMissing[language] });
        else if (!isPersonName(values.lastName))
          errors.push({ field: 'lastName', message: T.nameInvalid[language] });
        if (!EMAIL.test(values.email) || values.email.length > 320)
          errors.push({ field: 'email', message: T.emailInvalid[language] });
        if (errors.length > 0)
          return sendHtml(reply, 422, render(loaded, language, request.url, errors, values));
        const stop = blocked(loaded, language, request.url);
        if (stop) return sendHtml(reply, stop.status, stop.body);
        const outcome = await requestRegistrationFromLink(deps, loaded.claims, values);
        if (outcome === 'alreadyRegistered')
          return sendHtml(
            reply,
            200,
            stopped(language, T.already[language], T.alreadyBody[language], request.url),
          );
        return redirectToPage(reply, request, { requested: '1' });
      } catch (error) {
        if (isClosed(error)) return sendHtml(reply, 410, closedPage(language, request.url));
        const code = (error as { code?: string }).code;
        if (code === 'CAPACITY_EXCEEDED')
          return sendHtml(reply, 409, stopped(language, T.full[language], T.fullBody[language], request.url));
        if (code === 'REGISTRATION_LINK_FULL')
          return sendHtml(
            reply,
            409,
            stopped(language, T.linkFull[language], T.linkFullBody[language], request.url),
          );
        if (code === 'REGISTRATION_LINK_REVOKED')
          return sendHtml(
            reply,
            410,
            stopped(language, T.revoked[language], T.revokedBody[language], request.url),
          );
        throw error;
      }
    },
  );
}
