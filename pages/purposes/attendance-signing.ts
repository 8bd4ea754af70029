/**
 * Attendance signed on phones. The facilitator's page (from the e-mail at the session's start)
 * shows the open half-day's QR code and short link, who has signed, a form to sign someone in
 * turn on this device, and the countersignature. The participants' page (from the QR code or the
 * short link) lists first names and initials to pick from, with a finger-drawn signature.
 */
import path from 'node:path';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { ApiDependencies } from '../../api/dependencies.ts';
import { ProblemError } from '../../api/problems.ts';
import { roomRateLimit, SIGNATURE_BODY_LIMIT } from '../../api/routes/attendance-signing.ts';
import {
  countersign,
  describeHalfDay,
  describeSigning,
  pathOfSigningCode,
  type RequestMeta,
  signHalfDay,
  signOnFacilitatorDevice,
} from '../../api/signing/signing-service.ts';
import { pageAsset } from '../assets.ts';
import { button, form, panel, radios } from '../forms.ts';
import { type Html, html, trusted } from '../html.ts';
import { formatDay, formatTime, isLanguage, type Language, type Words } from '../i18n.ts';
import { type FieldError, renderPage } from '../layout.ts';
import { field, pageLanguage, readLink, redirectToPage, sendHtml } from '../page-context.ts';
import { PAGE_SURFACE } from '../surface.ts';

pageAsset('signing.js', path.join(import.meta.dirname, '..', 'assets', 'signing.js'));
const SCRIPTS = ['/assets/signature_pad.js', '/assets/signing.js'];

const T = {
  title: { fr: 'Émargement', en: 'Attendance signing' },
  openNow: { fr: 'Demi-journée ouverte à la signature', en: 'Half-day open for signing' },
  scan: {
    fr: 'Les participant·es scannent ce QR code avec leur téléphone, ou tapent cette adresse :',
    en: 'Participants scan this QR code with their phone, or type this address:',
  },
  qr: { fr: 'QR code du lien de signature', en: 'QR code of the signing link' },
  openUntil: { fr: 'Signature possible jusqu’à', en: 'Signing open until' },
  nothingOpen: {
    fr: 'Aucune demi-journée n’est ouverte à la signature',
    en: 'No half-day is open for signing',
  },
  nextOpens: {
    fr: 'Rechargez cette page quand la prochaine demi-journée commence :',
    en: 'Reload this page when the next half-day starts:',
  },
  countersignRemaining: {
    fr: 'Il reste à contresigner les demi-journées ci-dessous.',
    en: 'The half-days below remain to be countersigned.',
  },
  allCountersigned: {
    fr: 'Toutes les demi-journées sont contresignées',
    en: 'Every half-day is countersigned',
  },
  allCountersignedNext: {
    fr: 'Les participant·es reçoivent leur certificat de réalisation à la fin de la session, avec les heures signées.',
    en: 'Participants receive their certificate at the end of the session, with the hours they signed.',
  },
  whoSigned: { fr: 'Qui a signé', en: 'Who has signed' },
  participant: { fr: 'Participant·e', en: 'Participant' },
  signed: { fr: 'Signé', en: 'Signed' },
  notSigned: { fr: 'Non signé', en: 'Not signed' },
  countersignature: { fr: 'Contresignature', en: 'Countersignature' },
  none: { fr: 'Personne n’est inscrit·e à cette session.', en: 'Nobody is registered on this session.' },
  inTurn: { fr: 'Faire signer une personne sur cet appareil', en: 'Sign someone in on this device' },
  inTurnHint: {
    fr: 'Pour une personne sans téléphone : elle choisit son nom et signe ici.',
    en: 'For someone without a phone: they pick their name and sign here.',
  },
  who: { fr: 'Qui signe ?', en: 'Who is signing?' },
  whoMissing: { fr: 'Choisissez la personne qui signe', en: 'Choose who is signing' },
  recordSignature: { fr: 'Enregistrer la signature', en: 'Record the signature' },
  countersignTitle: { fr: 'Contresigner une demi-journée', en: 'Countersign a half-day' },
  countersignHint: {
    fr: 'Une fois contresignée, la demi-journée ne prend plus de signatures : contresignez quand tout le monde a signé.',
    en: 'Once countersigned, the half-day takes no more signatures: countersign when everyone has signed.',
  },
  halfDay: { fr: 'Demi-journée', en: 'Half-day' },
  halfDayMissing: { fr: 'Choisissez la demi-journée', en: 'Choose the half-day' },
  facilitator: { fr: 'Animateur·ice', en: 'Facilitator' },
  countersignButton: { fr: 'Contresigner la demi-journée', en: 'Countersign the half-day' },
  yourSignature: { fr: 'Signature', en: 'Signature' },
  signatureHint: {
    fr: 'Signez au doigt (ou à la souris) dans le cadre.',
    en: 'Sign with your finger (or the mouse) in the box.',
  },
  signatureMissing: { fr: 'Signez dans le cadre avant de valider', en: 'Sign in the box before submitting' },
  clear: { fr: 'Effacer', en: 'Clear' },
  needsScript: {
    fr: 'La signature au doigt a besoin de JavaScript : activez-le dans votre navigateur, ou signez sur l’appareil de l’animateur·ice.',
    en: 'Signing with a finger needs JavaScript: turn it on in your browser, or sign on the facilitator’s device.',
  },
  doneSigned: { fr: 'Signature enregistrée', en: 'Signature recorded' },
  doneCountersigned: { fr: 'Demi-journée contresignée', en: 'Half-day countersigned' },
  participantTitle: { fr: 'Signer ma présence', en: 'Sign my attendance' },
  whoAreYou: { fr: 'Qui êtes-vous ?', en: 'Who are you?' },
  whoAreYouMissing: { fr: 'Choisissez votre nom', en: 'Choose your name' },
  alreadySigned: { fr: 'Ont déjà signé :', en: 'Already signed:' },
  sign: { fr: 'Signer', en: 'Sign' },
  thanks: { fr: 'Merci, votre signature est enregistrée', en: 'Thank you, your signature is recorded' },
  thanksNext: {
    fr: 'Vous pouvez fermer cette page. Vous signerez à nouveau à la prochaine demi-journée.',
    en: 'You can close this page. You will sign again at the next half-day.',
  },
  someoneElse: {
    fr: 'Faire signer une autre personne sur ce téléphone',
    en: 'Sign someone else in on this phone',
  },
  closed: { fr: 'La signature de cette demi-journée est close', en: 'Signing for this half-day is closed' },
  closedNext: {
    fr: 'Adressez-vous à l’animateur·ice de la session.',
    en: 'Please speak to the session’s facilitator.',
  },
  morning: { fr: 'matin', en: 'morning' },
  afternoon: { fr: 'après-midi', en: 'afternoon' },
} satisfies Record<string, Words>;

/** The rules' refusals in the page's words, shown beside the form that was refused. */
const REFUSALS: Record<string, Words> = {
  ALREADY_SIGNED: {
    fr: 'Cette personne a déjà signé cette demi-journée.',
    en: 'This person has already signed this half-day.',
  },
  HALF_DAY_COUNTERSIGNED: {
    fr: 'Cette demi-journée est contresignée : elle ne prend plus de signature.',
    en: 'This half-day is countersigned: it takes no more signatures.',
  },
  SIGNING_CLOSED: {
    fr: 'La signature de cette demi-journée est close.',
    en: 'Signing for this half-day is closed.',
  },
  SIGNING_NOT_OPEN: {
    fr: 'La signature de cette demi-journée n’est pas encore ouverte.',
    en: 'Signing for this half-day is not open yet.',
  },
  SIGNING_COMPLETE: {
    fr: 'Les présences de cette session sont closes.',
    en: 'This session’s attendance is final.',
  },
  ATTENDANCE_RECORDED_ON_PAPER: {
    fr: 'Les présences de cette session ont été saisies depuis la feuille papier.',
    en: 'This session’s attendance was recorded from the paper sheet.',
  },
  UNKNOWN_PARTICIPANT: {
    fr: 'Cette personne n’est pas inscrite à la session.',
    en: 'This person is not registered on the session.',
  },
  NOT_A_FACILITATOR: {
    fr: 'Seul·e un·e animateur·ice de la session peut contresigner.',
    en: 'Only a facilitator of the session may countersign.',
  },
  SIGNATURE_INVALID: {
    fr: 'La signature n’a pas pu être lue : signez à nouveau.',
    en: 'The signature could not be read: sign again.',
  },
  SIGNATURE_TOO_LARGE: {
    fr: 'La signature est trop grande : effacez et signez à nouveau.',
    en: 'The signature is too large: clear it and sign again.',
  },
  SIGNATURE_REQUIRED: T.signatureMissing,
};

/** Which field a refusal belongs beside. */
const FIELD_OF: Record<string, 'signature' | 'who'> = {
  SIGNATURE_INVALID: 'signature',
  SIGNATURE_TOO_LARGE: 'signature',
  SIGNATURE_REQUIRED: 'signature',
};

const metaOf = (request: FastifyRequest): RequestMeta => ({
  ip: request.ip,
  userAgent: (request.headers['user-agent'] ?? '').slice(0, 500),
});

const halfDayLabel = (
  halfDay: { startsAt: string; endsAt: string; period: 'morning' | 'afternoon' },
  language: Language,
  timeZone: string,
) =>
  `${formatDay(halfDay.startsAt, language, timeZone)}, ${T[halfDay.period][language]} (${formatTime(halfDay.startsAt, language, timeZone)}–${formatTime(halfDay.endsAt, language, timeZone)})`;

/** "20/12": column headings stay narrow enough for a 360 px phone. */
const shortDay = (iso: string, language: Language, timeZone: string) =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    timeZone,
  }).format(new Date(iso));

/**
 * A finger-drawn signature: a canvas the script turns into a pad, and the hidden field it fills
 * on submit. The fieldset's id is where the error summary leads.
 */
function signatureField(id: string, language: Language, errors: FieldError[]): Html {
  const error = errors.find((candidate) => candidate.field === id);
  return html`<div class="field${error ? ' field-error' : ''}">
<fieldset id="${id}" tabindex="-1" aria-describedby="${id}-hint${error ? html` ${id}-error` : ''}">
  <legend>${T.yourSignature[language]}</legend>
  <p class="hint" id="${id}-hint">${T.signatureHint[language]}</p>
  ${error ? html`<p class="error-message" id="${id}-error">${error.message}</p>` : ''}
  <p data-needs-script>${T.needsScript[language]}</p>
  <div data-signature-pad hidden>
    <canvas class="signature-pad" role="img" aria-label="${T.yourSignature[language]}" tabindex="0"></canvas>
    <input type="hidden" name="signature" value="">
    <p><button type="button" class="button secondary" data-clear>${T.clear[language]}</button></p>
  </div>
</fieldset>
</div>`;
}

/** A refusal from the rules becomes an error beside the form; anything else is a state page. */
function refusalOf(
  error: unknown,
  language: Language,
  whoField: string,
  signature: string,
): FieldError | null {
  if (!(error instanceof ProblemError) || !(error.code in REFUSALS)) return null;
  const words = REFUSALS[error.code];
  return {
    field: FIELD_OF[error.code] === 'signature' ? signature : whoField,
    message: words ? words[language] : error.message,
  };
}

export function attendanceSigningPages(app: FastifyInstance, deps: ApiDependencies): void {
  // A drawn signature is larger than the short fields other forms carry.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/x-www-form-urlencoded');
    await scope.register(formbody, { bodyLimit: SIGNATURE_BODY_LIMIT });
    facilitatorPage(scope, deps);
    participantPage(scope, deps);
  });
}

function facilitatorPage(app: FastifyInstance, deps: ApiDependencies): void {
  const url = '/links/attendance-signing/:token';

  async function render(
    request: FastifyRequest<{ Params: { token: string } }>,
    errors: FieldError[] = [],
  ): Promise<{ language: Language; body: string }> {
    pageLanguage(request);
    const claims = await readLink(deps, request.params.token, 'attendanceSigning');
    const state = await describeSigning(deps, claims);
    const language = pageLanguage(
      request,
      isLanguage(state.session.language) ? state.session.language : 'fr',
    );
    const zone = state.session.timeZone;
    const open = state.openHalfDayIndex === null ? undefined : state.halfDays[state.openHalfDayIndex];
    const link = state.participantLink;
    // The short link, not the signed one: a few characters make a QR code sparse enough to scan
    // from the back of a room; it redirects to the signed link.
    const qr = link
      ? await QRCode.toString(link.shortUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      : null;
    const now = (deps.now?.() ?? new Date()).getTime();
    const next = state.halfDays.find((halfDay) => Date.parse(halfDay.startsAt) > now);
    const finished = !next && state.halfDays.every((halfDay) => halfDay.countersignature);
    const done = (request.query as { done?: unknown }).done;
    const toSign = state.participants.filter(
      (participant) => state.openHalfDayIndex !== null && !participant.signed[state.openHalfDayIndex],
    );
    const countersignable = state.halfDays.filter(
      (halfDay) => !halfDay.countersignature && Date.parse(halfDay.startsAt) <= now,
    );
    const path = request.url.split('?')[0] ?? request.url;
    const title = `${T.title[language]} — ${state.session.title}`;
    const body = html`<h1>${title}</h1>
<p class="lead">${state.session.clientName}</p>
${done === 'signed' ? panel(T.doneSigned[language], '') : ''}${done === 'countersigned' ? panel(T.doneCountersigned[language], '') : ''}
${
  open && link && qr
    ? html`<h2>${T.openNow[language]}</h2>
<p>${halfDayLabel(open, language, zone)}</p>
<p>${T.scan[language]}</p>
<div class="qr" role="img" aria-label="${T.qr[language]}">${trusted(qr)}</div>
<p class="short-link">${link.shortUrl.replace(/^https?:\/\//, '')}</p>
<p class="hint">${T.openUntil[language]} ${formatTime(open.signingClosesAt, language, zone)}.</p>`
    : finished
      ? panel(T.allCountersigned[language], T.allCountersignedNext[language])
      : panel(
          T.nothingOpen[language],
          next
            ? `${T.nextOpens[language]} ${halfDayLabel(next, language, zone)}.`
            : T.countersignRemaining[language],
        )
}
<h2>${T.whoSigned[language]}</h2>
${
  state.participants.length === 0
    ? html`<p>${T.none[language]}</p>`
    : html`<div class="table-scroll" role="region" aria-label="${T.whoSigned[language]}" tabindex="0"><table>
<caption class="visually-hidden">${T.whoSigned[language]}</caption>
<thead><tr><th scope="col">${T.participant[language]}</th>${state.halfDays.map(
        (halfDay) =>
          html`<th scope="col">${shortDay(halfDay.startsAt, language, zone)}<br>${T[halfDay.period][language]}</th>`,
      )}</tr></thead>
<tbody>${state.participants.map(
        (participant) =>
          html`<tr><th scope="row">${participant.firstName} ${participant.lastName}</th>${participant.signed.map(
            (signed) => html`<td>${signed ? `✓ ${T.signed[language]}` : T.notSigned[language]}</td>`,
          )}</tr>`,
      )}
<tr><th scope="row">${T.countersignature[language]}</th>${state.halfDays.map(
        (halfDay) =>
          html`<td>${halfDay.countersignature ? `✓ ${halfDay.countersignature.facilitatorName}` : '—'}</td>`,
      )}</tr></tbody>
</table></div>`
}
${
  open && toSign.length > 0
    ? html`<h2>${T.inTurn[language]}</h2>
<p class="hint">${T.inTurnHint[language]}</p>
${form(
  path,
  html`<input type="hidden" name="action" value="sign">
<input type="hidden" name="halfDayIndex" value="${String(state.openHalfDayIndex)}">
${radios({
  id: 'participantId',
  label: T.who[language],
  errors,
  choices: toSign.map((participant) => ({
    value: participant.id,
    label: `${participant.firstName} ${participant.lastName}`,
  })),
})}
${signatureField('signature', language, errors)}
${button(T.recordSignature[language])}`,
)}`
    : ''
}
${
  countersignable.length > 0 && state.facilitators.length > 0
    ? html`<h2>${T.countersignTitle[language]}</h2>
<p class="hint">${T.countersignHint[language]}</p>
${form(
  path,
  html`<input type="hidden" name="action" value="countersign">
${radios({
  id: 'halfDayIndex',
  label: T.halfDay[language],
  errors,
  value: countersignable.length === 1 ? String(countersignable[0]?.index) : undefined,
  choices: countersignable.map((halfDay) => ({
    value: String(halfDay.index),
    label: halfDayLabel(halfDay, language, zone),
  })),
})}
${
  state.facilitators.length > 1
    ? radios({
        id: 'facilitatorId',
        label: T.facilitator[language],
        errors,
        value: state.facilitators.find((facilitator) => facilitator.lead)?.id,
        choices: state.facilitators.map((facilitator) => ({
          value: facilitator.id,
          label: facilitator.name,
        })),
      })
    : ''
}
${signatureField('countersignature', language, errors)}
${button(T.countersignButton[language])}`,
)}`
    : ''
}`;
    return {
      language,
      body: renderPage({ language, title, path: request.url, errors, body, scripts: SCRIPTS }),
    };
  }

  app.get<{ Params: { token: string } }>(
    url,
    { constraints: PAGE_SURFACE, schema: { hide: true } },
    async (request, reply) => {
      const page = await render(request);
      return sendHtml(reply, 200, page.body);
    },
  );

  app.post<{ Params: { token: string } }>(
    url,
    { constraints: PAGE_SURFACE, schema: { hide: true }, bodyLimit: SIGNATURE_BODY_LIMIT },
    async (request, reply) => {
      pageLanguage(request);
      const claims = await readLink(deps, request.params.token, 'attendanceSigning');
      const language = request.pageLanguage ?? 'fr';
      const action = field(request.body, 'action');
      const signature = field(request.body, 'signature');
      const padId = action === 'countersign' ? 'countersignature' : 'signature';
      const whoField = action === 'countersign' ? 'halfDayIndex' : 'participantId';
      const errors: FieldError[] = [];
      let status = 422;
      const halfDayIndex = Number.parseInt(field(request.body, 'halfDayIndex'), 10);
      const participantId = field(request.body, 'participantId');
      if (action === 'countersign' && !Number.isInteger(halfDayIndex))
        errors.push({ field: 'halfDayIndex', message: T.halfDayMissing[language] });
      if (action !== 'countersign' && participantId === '')
        errors.push({ field: 'participantId', message: T.whoMissing[language] });
      if (signature === '') errors.push({ field: padId, message: T.signatureMissing[language] });
      try {
        if (errors.length === 0 && action === 'countersign') {
          const facilitatorId = field(request.body, 'facilitatorId');
          await countersign(
            deps,
            claims,
            { halfDayIndex, signature, ...(facilitatorId ? { facilitatorId } : {}) },
            metaOf(request),
          );
          return redirectToPage(reply, request, { done: 'countersigned' });
        }
        if (errors.length === 0) {
          await signOnFacilitatorDevice(
            deps,
            claims,
            { participantId, signature, ...(Number.isInteger(halfDayIndex) ? { halfDayIndex } : {}) },
            metaOf(request),
          );
          return redirectToPage(reply, request, { done: 'signed' });
        }
      } catch (error) {
        const refusal = refusalOf(error, language, whoField, padId);
        if (!refusal) throw error;
        status = error instanceof ProblemError ? error.status : 409;
        errors.push(refusal);
      }
      const page = await render(request, errors);
      return sendHtml(reply, status, page.body);
    },
  );
}

function participantPage(app: FastifyInstance, deps: ApiDependencies): void {
  const url = '/links/half-day-signing/:token';

  async function render(
    request: FastifyRequest<{ Params: { token: string } }>,
    errors: FieldError[] = [],
    chosen = '',
  ): Promise<string> {
    pageLanguage(request);
    const claims = await readLink(deps, request.params.token, 'halfDaySigning');
    const page = await describeHalfDay(deps, claims);
    const language = pageLanguage(request, isLanguage(page.session.language) ? page.session.language : 'fr');
    const signedBy = page.participants.find(
      (participant) => participant.id === (request.query as { signed?: unknown }).signed,
    );
    const toSign = page.participants.filter((participant) => !participant.signed);
    const signedNames = page.participants.filter((participant) => participant.signed).map((p) => p.name);
    const title = `${T.participantTitle[language]} — ${halfDayLabel(page.halfDay, language, page.session.timeZone)}`;
    const path = request.url.split('?')[0] ?? request.url;
    const body = html`<h1>${T.participantTitle[language]}</h1>
<p class="lead">${page.session.title}<br>${halfDayLabel(page.halfDay, language, page.session.timeZone)}</p>
${
  signedBy?.signed
    ? html`<div class="panel done" role="status"><h2>${T.thanks[language]}</h2><div>${signedBy.name} — ${T.thanksNext[language]}</div></div>
${page.halfDay.open && toSign.length > 0 ? html`<p><a href="${`${path}?lang=${language}`}">${T.someoneElse[language]}</a></p>` : ''}`
    : !page.halfDay.open
      ? html`<div class="panel stop" role="status"><h2>${T.closed[language]}</h2><div>${T.closedNext[language]}</div></div>`
      : form(
          path,
          html`${radios({
            id: 'participantId',
            label: T.whoAreYou[language],
            errors,
            value: chosen,
            choices: toSign.map((participant) => ({ value: participant.id, label: participant.name })),
          })}
${signatureField('signature', language, errors)}
${button(T.sign[language])}`,
        )
}
${signedNames.length > 0 ? html`<p class="hint">${T.alreadySigned[language]} ${signedNames.join(', ')}</p>` : ''}`;
    return renderPage({
      language,
      title,
      path: request.url,
      errors,
      body,
      scripts: SCRIPTS,
      personalLink: false,
    });
  }

  app.get<{ Params: { token: string } }>(
    url,
    { constraints: PAGE_SURFACE, schema: { hide: true }, config: roomRateLimit(deps) },
    async (request, reply) => sendHtml(reply, 200, await render(request)),
  );

  // The short code typed from the screen or read from the QR code: a phone gets a page even when
  // the code is mistyped or its half-day has closed, never a JSON problem.
  app.get<{ Params: { code: string } }>(
    '/e/:code',
    { constraints: PAGE_SURFACE, schema: { hide: true }, config: roomRateLimit(deps) },
    async (request, reply) => {
      pageLanguage(request);
      return reply.redirect(await pathOfSigningCode(deps, request.params.code), 303);
    },
  );

  app.post<{ Params: { token: string } }>(
    url,
    {
      constraints: PAGE_SURFACE,
      schema: { hide: true },
      bodyLimit: SIGNATURE_BODY_LIMIT,
      config: roomRateLimit(deps),
    },
    async (request, reply) => {
      pageLanguage(request);
      const claims = await readLink(deps, request.params.token, 'halfDaySigning');
      const language = request.pageLanguage ?? 'fr';
      const participantId = field(request.body, 'participantId');
      const signature = field(request.body, 'signature');
      const errors: FieldError[] = [];
      if (participantId === '')
        errors.push({ field: 'participantId', message: T.whoAreYouMissing[language] });
      if (signature === '') errors.push({ field: 'signature', message: T.signatureMissing[language] });
      let status = 422;
      if (errors.length === 0) {
        try {
          await signHalfDay(deps, claims, { participantId, signature }, metaOf(request));
          return redirectToPage(reply, request, { signed: participantId });
        } catch (error) {
          const refusal = refusalOf(error, language, 'participantId', 'signature');
          if (!refusal) throw error;
          status = error instanceof ProblemError ? error.status : 409;
          errors.push(refusal);
        }
      }
      return sendHtml(reply, status, await render(request, errors, participantId));
    },
  );
}
