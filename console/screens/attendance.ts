/**
 * A session's attendance tab: where the attendance stands, the facilitator's signing page (its
 * link and a QR code to open it on the facilitator's phone), the paper path (the sheet to
 * download, the presence per participant and half-day, the signed sheet to upload) and, for
 * staff, the verdict on an uploaded sheet.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { button, form, textArea } from '../../pages/forms.ts';
import { type Html, html, trusted } from '../../pages/html.ts';
import { formatDay, formatTime, type Language } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import { ApiProblem, answer, type FollowUp } from '../api/client.ts';
import { field, type SignedIn, seeOther, sendDownload } from '../context.ts';
import { fieldErrors } from '../problems.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { badge } from '../words.ts';
import { type Extras, type Loaded, renderSession } from './session.ts';

/** The API takes signed sheets up to 10 MB. */
const SHEET_MAX_BYTES = 10 * 1024 * 1024;
const SHEET_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];

type AttendanceStatus = FollowUp['attendance']['status'];

const STATUS: Record<AttendanceStatus, Record<Language, string>> = {
  pending: { fr: 'Pas encore enregistré', en: 'Not recorded yet' },
  recorded: { fr: 'Présences enregistrées, feuille signée attendue', en: 'Recorded, signed sheet awaited' },
  sheet_uploaded: {
    fr: 'Feuille signée déposée, en attente de vérification',
    en: 'Signed sheet uploaded, awaiting review',
  },
  compliant: { fr: 'Feuille conforme', en: 'Sheet compliant' },
  non_compliant: { fr: 'Feuille non conforme', en: 'Sheet not compliant' },
  signed: { fr: 'Émargé numériquement', en: 'Signed digitally' },
};

const T = {
  where: { fr: 'Où en est l’émargement', en: 'Where attendance stands' },
  reason: { fr: 'Raison', en: 'Reason' },
  flagged: {
    fr: 'Certificats envoyés que cette feuille non conforme ne justifie plus (à régulariser ou retirer) :',
    en: 'Certificates sent that this non-compliant sheet no longer backs (to put right or withdraw):',
  },
  digital: { fr: 'Émargement numérique', en: 'Digital signing' },
  digitalLead: {
    fr: 'Chaque participant·e signe chaque demi-journée sur son téléphone, l’animateur·ice contresigne. La page de l’animateur·ice montre le QR code à faire scanner.',
    en: 'Each participant signs every half-day on their phone; the facilitator countersigns. The facilitator’s page shows the QR code to scan.',
  },
  openSigning: {
    fr: 'Ouvrir la page d’émargement de l’animateur·ice',
    en: 'Open the facilitator’s signing page',
  },
  qr: {
    fr: 'QR code de la page d’émargement de l’animateur·ice, à scanner avec son téléphone',
    en: 'QR code of the facilitator’s signing page, to scan with their phone',
  },
  signatures: { fr: 'Signatures par demi-journée', en: 'Signatures per half-day' },
  signedCount: {
    fr: (signed: number, all: number) => `${signed} / ${all} participant·es ont signé`,
    en: (signed: number, all: number) => `${signed} / ${all} participants signed`,
  },
  countersigned: { fr: 'contresignée', en: 'countersigned' },
  notCountersigned: { fr: 'pas encore contresignée', en: 'not countersigned yet' },
  missingSignatures: { fr: 'Pas encore signé :', en: 'Not signed yet:' },
  paper: { fr: 'Feuille papier', en: 'Paper sheet' },
  download: { fr: 'Télécharger la feuille d’émargement (Word)', en: 'Download the attendance sheet (Word)' },
  noSheet: {
    fr: 'La feuille est prête dès que des participant·es sont inscrit·es.',
    en: 'The sheet is ready once participants are registered.',
  },
  presence: { fr: 'Présences', en: 'Presence' },
  presenceLead: {
    fr: 'Cochez chaque demi-journée où la personne était là, comme sur la feuille signée.',
    en: 'Tick each half-day the person was there, as on the signed sheet.',
  },
  morning: { fr: 'matin', en: 'morning' },
  afternoon: { fr: 'après-midi', en: 'afternoon' },
  record: { fr: 'Enregistrer les présences', en: 'Record attendance' },
  noParticipant: { fr: 'Inscrivez d’abord les participant·es.', en: 'Register the participants first.' },
  signed: { fr: 'Feuille signée', en: 'Signed sheet' },
  file: { fr: 'La feuille signée, scannée', en: 'The signed sheet, scanned' },
  fileHint: { fr: 'PDF, PNG ou JPEG, 10 Mo au plus.', en: 'PDF, PNG or JPEG, 10 MB at most.' },
  upload: { fr: 'Déposer la feuille signée', en: 'Upload the signed sheet' },
  verdict: { fr: 'Vérification de la feuille (équipe)', en: 'Sheet review (staff)' },
  confirm: { fr: 'La feuille est conforme', en: 'The sheet is compliant' },
  why: { fr: 'Pourquoi la feuille n’est pas conforme', en: 'Why the sheet is not compliant' },
  refuse: { fr: 'Marquer la feuille non conforme', en: 'Mark the sheet non-compliant' },
  required: {
    file: { fr: 'Choisissez le fichier de la feuille signée.', en: 'Choose the signed sheet’s file.' },
    type: {
      fr: 'Le fichier doit être un PDF, un PNG ou un JPEG.',
      en: 'The file must be a PDF, PNG or JPEG.',
    },
    size: { fr: 'Le fichier dépasse 10 Mo.', en: 'The file is larger than 10 MB.' },
    reason: {
      fr: 'Dites pourquoi la feuille n’est pas conforme.',
      en: 'Say why the sheet is not compliant.',
    },
  },
  french: {
    SESSION_NOT_STARTED: 'Les présences s’enregistrent à partir du début de la session.',
    ATTENDANCE_LOCKED:
      'La feuille signée est déposée : les présences qu’elle prouve ne peuvent plus changer.',
    ATTENDANCE_NOT_RECORDED: 'Enregistrez les présences avant de déposer la feuille signée.',
    ATTENDANCE_SIGNED: 'Cette session est émargée numériquement : il n’y a pas de feuille papier à déposer.',
    UNSUPPORTED_UPLOAD: 'Le fichier doit être un PDF, un PNG ou un JPEG.',
  } as Record<string, string>,
};

const halfDayLabel = (halfDay: FollowUp['attendance']['halfDays'][number], lang: Language) =>
  `${formatDay(halfDay.startsAt, lang)}, ${T[halfDay.period][lang]} (${formatTime(halfDay.startsAt, lang)}–${formatTime(halfDay.endsAt, lang)})`;

function errorOf(errors: FieldError[], id: string): Html {
  const error = errors.find((candidate) => candidate.field === id);
  return error ? html`<p class="error-message" id="${id}-error">${error.message}</p>` : html``;
}

/** Who signed each half-day digitally, and whether the facilitator countersigned it. */
function signatures(followUp: FollowUp, lang: Language): Html {
  const { halfDays, countersignedHalfDays } = followUp.attendance;
  const people = followUp.participants;
  if (halfDays.length === 0 || people.length === 0) return html``;
  return html`<h3>${T.signatures[lang]}</h3><ul class="people">${halfDays.map((halfDay, index) => {
    const missing = people.filter((person) => !person.signedHalfDays[index]);
    const countersigned = countersignedHalfDays.includes(index);
    return html`<li><strong>${halfDayLabel(halfDay, lang)}</strong> <span class="card-meta">${T.signedCount[
      lang
    ](
      people.length - missing.length,
      people.length,
    )} · ${badge(countersigned ? T.countersigned[lang] : T.notCountersigned[lang], countersigned ? 'good' : 'neutral')}</span>${
      missing.length > 0 && missing.length < people.length
        ? html` <span class="email">${T.missingSignatures[lang]} ${missing.map((person) => `${person.firstName} ${person.lastName}`).join(', ')}</span>`
        : ''
    }</li>`;
  })}</ul>`;
}

async function attendanceTab(who: SignedIn, loaded: Loaded, lang: Language, extras: Extras): Promise<Html> {
  const path = { missionId: loaded.mission.id, sessionId: loaded.session.id };
  const [followUp, signing] = await Promise.all([
    answer(who.api.GET('/missions/{missionId}/sessions/{sessionId}/participants', { params: { path } })),
    answer(who.api.GET('/missions/{missionId}/sessions/{sessionId}/signing-link', { params: { path } })),
  ]);
  const errors = extras.errors ?? [];
  const base = `/missions/${loaded.mission.id}/sessions/${loaded.session.id}`;
  const { attendance } = followUp;
  const qr = await QRCode.toString(signing.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const editable = attendance.status === 'pending' || attendance.status === 'recorded';
  const uploadable = attendance.status === 'recorded' || attendance.status === 'non_compliant';
  const judgeable =
    who.viewer.role === 'staff' &&
    (attendance.status === 'sheet_uploaded' || attendance.status === 'non_compliant');
  const people = followUp.participants;
  return html`<h2>${T.where[lang]}</h2>
<p><strong>${STATUS[attendance.status][lang]}</strong>${
    attendance.nonComplianceReason ? html` — ${T.reason[lang]} : ${attendance.nonComplianceReason}` : ''
  }</p>${
    people.some((person) => person.certificateFlag === 'non_compliant_sheet')
      ? html`<div class="panel stop" role="note"><p>${T.flagged[lang]}</p><ul>${people
          .filter((person) => person.certificateFlag === 'non_compliant_sheet')
          .map(
            (person) =>
              html`<li>${person.firstName} ${person.lastName}${person.hoursAttended === null ? '' : ` (${person.hoursAttended} h)`}</li>`,
          )}</ul></div>`
      : ''
  }
<h2>${T.digital[lang]}</h2>
<p>${T.digitalLead[lang]}</p>
<p><a href="${signing.url}">${T.openSigning[lang]}</a></p>
<figure class="qr" role="img" aria-label="${T.qr[lang]}">${trusted(qr)}</figure>
${signatures(followUp, lang)}
<h2>${T.paper[lang]}</h2>
<p>${
    attendance.attendanceSheetAvailable
      ? html`<a href="${base}/attendance-sheet">${T.download[lang]}</a>`
      : T.noSheet[lang]
  }</p>
<h3 id="presence" tabindex="-1">${T.presence[lang]}</h3>
${errorOf(errors, 'presence')}
${
  people.length === 0
    ? html`<p>${T.noParticipant[lang]}</p>`
    : editable && attendance.halfDays.length > 0
      ? html`<p>${T.presenceLead[lang]}</p>${form(
          `${base}/attendance`,
          html`${people.map(
            (person) =>
              html`<fieldset class="presence"><legend>${person.firstName} ${person.lastName}</legend>${attendance.halfDays.map(
                (halfDay, index) =>
                  html`<div class="choice"><input type="checkbox" id="p-${person.id}-${index}" name="present" value="${person.id}:${index}"><label for="p-${person.id}-${index}">${halfDayLabel(halfDay, lang)}</label></div>`,
              )}</fieldset>`,
          )}${button(T.record[lang])}`,
        )}`
      : html`<ul class="people">${people.map(
          (person) =>
            html`<li><strong>${person.firstName} ${person.lastName}</strong> ${
              person.hoursAttended === null
                ? ''
                : html`<span class="card-meta">${person.hoursAttended} h</span>`
            }</li>`,
        )}</ul>`
}
${
  uploadable
    ? html`<h3 id="signed">${T.signed[lang]}</h3>${form(
        `${base}/attendance-sheet/signed`,
        html`<div class="field${errors.some((e) => e.field === 'sheet') ? ' field-error' : ''}"><label for="sheet">${T.file[lang]}</label><p class="hint" id="sheet-hint">${T.fileHint[lang]}</p>${errorOf(errors, 'sheet')}<input id="sheet" name="sheet" type="file" accept="${SHEET_TYPES.join(',')}" aria-describedby="sheet-hint${errors.some((e) => e.field === 'sheet') ? ' sheet-error' : ''}"></div>${button(T.upload[lang])}`,
        { multipart: true },
      )}`
    : ''
}
${
  judgeable
    ? html`<h2 id="verdict">${T.verdict[lang]}</h2>${form(
        `${base}/attendance-sheet/confirm`,
        button(T.confirm[lang]),
      )}${form(
        `${base}/attendance-sheet/non-compliant`,
        html`${textArea({ id: 'reason', label: T.why[lang], errors, maxlength: 1000 })}${button(T.refuse[lang], { secondary: true })}`,
      )}`
    : ''
}`;
}

type Params = { Params: { missionId: string; sessionId: string } };

export async function attendanceScreens(app: FastifyInstance, routes: ConsoleRoutes): Promise<void> {
  const show = (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    who: SignedIn,
    extras: Extras = {},
    status = 200,
  ) =>
    renderSession(request, reply, who, request.params, 'attendance', extras, status, (loaded, lang) =>
      attendanceTab(who, loaded, lang, extras),
    );
  const refused = (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    who: SignedIn,
    error: unknown,
    fallback: string,
  ) => {
    if (!(error instanceof ApiProblem) || ![403, 409, 415, 422].includes(error.problem.status)) throw error;
    const lang = (request.cookies.console_lang === 'en' ? 'en' : 'fr') as Language;
    const french = T.french[error.problem.code];
    const errors =
      lang === 'fr' && french
        ? [{ field: fallback, message: french }]
        : fieldErrors(error.problem, { codes: {}, paths: { 'body/reason': 'reason' }, fallback }, lang);
    return show(request, reply, who, { errors }, 422);
  };
  const after = (request: FastifyRequest<Params>, reply: FastifyReply, done: string) =>
    seeOther(
      reply,
      `/missions/${request.params.missionId}/sessions/${request.params.sessionId}/attendance?done=${done}`,
    );

  app.get<Params>('/missions/:missionId/sessions/:sessionId/attendance', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who ? show(request, reply, who) : reply;
  });

  /** The sheet comes from the API with the person's token: the browser gets it from here. */
  app.get<Params>('/missions/:missionId/sessions/:sessionId/attendance-sheet', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    return sendDownload(
      reply,
      await who.api.GET('/missions/{missionId}/sessions/{sessionId}/attendance-sheet', {
        params: { path: request.params },
        parseAs: 'arrayBuffer',
      }),
    );
  });

  app.post<Params>('/missions/:missionId/sessions/:sessionId/attendance', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const path = request.params;
    const followUp = await answer(
      who.api.GET('/missions/{missionId}/sessions/{sessionId}/participants', { params: { path } }),
    );
    const raw = (request.body as Record<string, unknown> | undefined)?.present;
    const ticked = new Set((Array.isArray(raw) ? raw : [raw]).filter((value) => typeof value === 'string'));
    const presence = followUp.participants.map((person) => ({
      participantId: person.id,
      halfDays: followUp.attendance.halfDays.map((_, index) => ticked.has(`${person.id}:${index}`)),
    }));
    try {
      await answer(
        who.api.PUT('/missions/{missionId}/sessions/{sessionId}/attendance', {
          params: { path },
          body: { presence },
        }),
      );
    } catch (error) {
      return refused(request, reply, who, error, 'presence');
    }
    return after(request, reply, 'recorded');
  });

  await app.register(async (uploads) => {
    await uploads.register(multipart, { limits: { fileSize: SHEET_MAX_BYTES, files: 1, fields: 2 } });
    uploads.post<Params>(
      '/missions/:missionId/sessions/:sessionId/attendance-sheet/signed',
      async (request, reply) => {
        const who = routes.requireSignIn(request, reply);
        if (!who) return reply;
        const lang = (request.cookies.console_lang === 'en' ? 'en' : 'fr') as Language;
        const fail = (message: string) =>
          show(request, reply, who, { errors: [{ field: 'sheet', message }] }, 422);
        const file = await request.file();
        if (!file || file.filename === '') return fail(T.required.file[lang]);
        let bytes: Buffer;
        try {
          bytes = await file.toBuffer();
        } catch {
          return fail(T.required.size[lang]);
        }
        if (bytes.length === 0) return fail(T.required.file[lang]);
        if (!SHEET_TYPES.includes(file.mimetype)) return fail(T.required.type[lang]);
        try {
          await answer(
            who.api.PUT('/missions/{missionId}/sessions/{sessionId}/attendance-sheet/signed', {
              params: { path: request.params },
              // The API reads the file as the raw body; its OpenAPI document does not describe that body.
              body: bytes as never,
              bodySerializer: () => bytes,
              headers: { 'content-type': file.mimetype },
            }),
          );
        } catch (error) {
          return refused(request, reply, who, error, 'sheet');
        }
        return after(request, reply, 'uploaded');
      },
    );
  });

  app.post<Params>(
    '/missions/:missionId/sessions/:sessionId/attendance-sheet/confirm',
    async (request, reply) => {
      const who = routes.requireSignIn(request, reply);
      if (!who) return reply;
      try {
        await answer(
          who.api.POST('/missions/{missionId}/sessions/{sessionId}/attendance-sheet/confirm', {
            params: { path: request.params },
          }),
        );
      } catch (error) {
        return refused(request, reply, who, error, 'reason');
      }
      return after(request, reply, 'judged');
    },
  );

  app.post<Params>(
    '/missions/:missionId/sessions/:sessionId/attendance-sheet/non-compliant',
    async (request, reply) => {
      const who = routes.requireSignIn(request, reply);
      if (!who) return reply;
      const reason = field(request.body, 'reason');
      const lang = (request.cookies.console_lang === 'en' ? 'en' : 'fr') as Language;
      if (reason === '')
        return show(
          request,
          reply,
          who,
          { errors: [{ field: 'reason', message: T.required.reason[lang] }] },
          422,
        );
      try {
        await answer(
          who.api.POST('/missions/{missionId}/sessions/{sessionId}/attendance-sheet/non-compliant', {
            params: { path: request.params },
            body: { reason },
          }),
        );
      } catch (error) {
        return refused(request, reply, who, error, 'reason');
      }
      return after(request, reply, 'judged');
    },
  );
}
