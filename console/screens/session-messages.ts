/**
 * A session's messages tab (seed 004's "messagerie"): the coordinator writes to the session's
 * participants, its facilitators who accepted, or both; each gets an e-mail whose replies go to
 * the coordinator, and the e-mails tab lists them once sent.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { button, form, radios, textArea, textField } from '../../pages/forms.ts';
import { type Html, html } from '../../pages/html.ts';
import type { Language } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import { MESSAGE_BODY_MAX, MESSAGE_SUBJECT_MAX } from '../../workflows/messages/session-message.ts';
import { ApiProblem, answer } from '../api/client.ts';
import { field, language, type SignedIn, seeOther } from '../context.ts';
import { fieldErrors } from '../problems.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { type Extras, type Loaded, renderSession } from './session.ts';

const AUDIENCES = ['participants', 'facilitators', 'both'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const people = (n: number, lang: Language) =>
  lang === 'fr' ? `${n} personne${n > 1 ? 's' : ''}` : `${n} ${n === 1 ? 'person' : 'people'}`;

const T = {
  write: { fr: 'Écrire aux personnes de la session', en: 'Write to the session’s people' },
  lead: {
    fr: 'Chaque destinataire reçoit un e-mail à son nom ; ses réponses vous parviennent directement. Les e-mails envoyés restent dans l’onglet « E-mails envoyés ».',
    en: 'Each recipient gets an e-mail addressed to them; their replies come straight to you. The e-mails sent stay in the “E-mails sent” tab.',
  },
  audience: { fr: 'À qui écrire', en: 'Who to write to' },
  participants: { fr: 'Les participant·es inscrit·es', en: 'The registered participants' },
  facilitators: {
    fr: 'Les animateur·ices qui ont accepté',
    en: 'The facilitators who accepted',
  },
  both: { fr: 'Les deux', en: 'Both' },
  bothHint: {
    fr: 'une adresse présente deux fois reçoit un seul e-mail',
    en: 'an address listed twice gets one e-mail',
  },
  nobody: { fr: 'personne pour l’instant', en: 'nobody yet' },
  subject: { fr: 'Objet', en: 'Subject' },
  body: { fr: 'Message', en: 'Message' },
  bodyHint: {
    fr: `Texte simple, ${MESSAGE_BODY_MAX} caractères au plus. Chaque destinataire le lit après « Bonjour Prénom Nom » et une ligne qui rappelle la session.`,
    en: `Plain text, at most ${MESSAGE_BODY_MAX} characters. Each recipient reads it after “Hello First Last” and a line recalling the session.`,
  },
  send: { fr: 'Envoyer le message', en: 'Send the message' },
  closed: {
    fr: 'Cette session est annulée ou sa mission est close : on n’écrit plus à ses participant·es depuis la console.',
    en: 'This session is cancelled or its mission is over: its people are no longer written to from the console.',
  },
  required: {
    audience: { fr: 'Choisissez à qui écrire.', en: 'Choose who to write to.' },
    subject: { fr: 'Saisissez l’objet du message.', en: 'Enter the message’s subject.' },
    body: { fr: 'Écrivez le message.', en: 'Write the message.' },
    subjectLength: {
      fr: `L’objet tient en ${MESSAGE_SUBJECT_MAX} caractères au plus.`,
      en: `The subject is at most ${MESSAGE_SUBJECT_MAX} characters.`,
    },
    bodyLength: {
      fr: `Le message tient en ${MESSAGE_BODY_MAX} caractères au plus.`,
      en: `The message is at most ${MESSAGE_BODY_MAX} characters.`,
    },
  },
};

interface Counts {
  participants: number;
  facilitators: number;
}

function messagesTab(loaded: Loaded, counts: Counts, lang: Language, extras: Extras): Html {
  const { mission, session } = loaded;
  if (mission.status !== 'open' || session.status === 'cancelled') return html`<p>${T.closed[lang]}</p>`;
  const errors = extras.errors ?? [];
  const values = extras.values ?? {};
  const count = (n: number) => (n === 0 ? T.nobody[lang] : people(n, lang));
  const audience = values.audience ?? (counts.participants > 0 ? 'participants' : 'facilitators');
  return html`<h2>${T.write[lang]}</h2><p>${T.lead[lang]}</p>${form(
    `/missions/${mission.id}/sessions/${session.id}/messages`,
    html`<input type="hidden" name="requestKey" value="${values.requestKey ?? randomUUID()}">${radios({
      id: 'audience',
      label: T.audience[lang],
      errors,
      value: audience,
      choices: [
        { value: 'participants', label: T.participants[lang], hint: count(counts.participants) },
        { value: 'facilitators', label: T.facilitators[lang], hint: count(counts.facilitators) },
        {
          value: 'both',
          label: T.both[lang],
          hint: `${count(counts.participants + counts.facilitators)}${
            counts.participants > 0 && counts.facilitators > 0 ? ` (${T.bothHint[lang]})` : ''
          }`,
        },
      ],
    })}${textField({
      id: 'subject',
      label: T.subject[lang],
      errors,
      value: values.subject,
      autocomplete: 'off',
      maxlength: MESSAGE_SUBJECT_MAX,
    })}${textArea({
      id: 'body',
      label: T.body[lang],
      hint: T.bodyHint[lang],
      errors,
      value: values.body,
      maxlength: MESSAGE_BODY_MAX,
      // A message is a few paragraphs: room to read it back before sending.
      rows: 10,
    })}${button(T.send[lang])}`,
  )}`;
}

async function countsFor(who: SignedIn, path: { missionId: string; sessionId: string }): Promise<Counts> {
  const [followUp, staffing] = await Promise.all([
    answer(who.api.GET('/missions/{missionId}/sessions/{sessionId}/participants', { params: { path } })),
    answer(who.api.GET('/missions/{missionId}/sessions/{sessionId}/staffing', { params: { path } })),
  ]);
  return {
    participants: followUp.participants.length,
    facilitators: staffing.invitations.filter((invitation) => invitation.status === 'accepted').length,
  };
}

function render(
  request: FastifyRequest,
  reply: FastifyReply,
  who: SignedIn,
  params: { missionId: string; sessionId: string },
  extras: Extras = {},
  status = 200,
) {
  return renderSession(request, reply, who, params, 'messages', extras, status, async (loaded, lang) =>
    messagesTab(loaded, await countsFor(who, params), lang, extras),
  );
}

type Params = { Params: { missionId: string; sessionId: string } };

export function sessionMessageScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  app.get<Params>('/missions/:missionId/sessions/:sessionId/messages', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who ? render(request, reply, who, request.params) : reply;
  });

  app.post<Params>('/missions/:missionId/sessions/:sessionId/messages', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const values = {
      audience: field(request.body, 'audience'),
      subject: field(request.body, 'subject'),
      // Browsers send a textarea's line breaks as CRLF: counted as one, as its maxlength counts them.
      body: field(request.body, 'body').replace(/\r\n?/g, '\n'),
      requestKey: field(request.body, 'requestKey'),
    };
    const fail = (errors: FieldError[]) =>
      render(request, reply, who, request.params, { values, errors }, 422);
    const audience = AUDIENCES.find((candidate) => candidate === values.audience);
    const missing: FieldError[] = [
      ...(audience ? [] : [{ field: 'audience', message: T.required.audience[lang] }]),
      ...(values.subject === ''
        ? [{ field: 'subject', message: T.required.subject[lang] }]
        : values.subject.length > MESSAGE_SUBJECT_MAX
          ? [{ field: 'subject', message: T.required.subjectLength[lang] }]
          : []),
      ...(values.body === ''
        ? [{ field: 'body', message: T.required.body[lang] }]
        : values.body.length > MESSAGE_BODY_MAX
          ? [{ field: 'body', message: T.required.bodyLength[lang] }]
          : []),
    ];
    if (missing.length > 0 || !audience) return fail(missing);
    try {
      await answer(
        who.api.POST('/missions/{missionId}/sessions/{sessionId}/messages', {
          params: {
            path: request.params,
            ...(UUID.test(values.requestKey) ? { header: { 'idempotency-key': values.requestKey } } : {}),
          },
          body: { audience, subject: values.subject, body: values.body },
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiProblem) || ![409, 422].includes(error.problem.status)) throw error;
      return fail(
        fieldErrors(
          error.problem,
          {
            codes: { NO_RECIPIENTS: 'audience' },
            paths: { 'body/audience': 'audience', 'body/subject': 'subject', 'body/body': 'body' },
            fallback: 'audience',
          },
          lang,
        ),
      );
    }
    const base = `/missions/${request.params.missionId}/sessions/${request.params.sessionId}`;
    return seeOther(reply, `${base}/emails?done=message`);
  });
}
