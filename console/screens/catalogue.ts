/**
 * The training catalogue, for staff: the offers coordinators plan sessions from, each change a
 * new version (sessions keep theirs), and the form to add or change one, with every refusal
 * beside its field.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { button, form, panel, summaryList } from '../../pages/forms.ts';
import { html } from '../../pages/html.ts';
import { formatDateTime, formatDay, formatMoney, type Language } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import type { TrainingOffer } from '../../workflows/rules/catalogue.ts';
import { ApiProblem, answer } from '../api/client.ts';
import { field, language, type SignedIn, seeOther, sendPage } from '../context.ts';
import { renderConsolePage } from '../layout.ts';
import {
  formOfBody,
  formOfOffer,
  type OfferForm,
  offerFields,
  offerProblemErrors,
  readOfferForm,
} from '../offer-form.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { badge, KIND } from '../words.ts';

const T = {
  title: { fr: 'Catalogue des formations', en: 'Training catalogue' },
  lead: {
    fr: 'Ce que l’association propose, tel que le programme, la convention et les attestations le décrivent. Chaque modification crée une nouvelle version : une session garde celle avec laquelle elle a été planifiée.',
    en: 'What the association offers, as the programme, the agreement and the certificates describe it. Each change makes a new version: a session keeps the one it was planned with.',
  },
  add: { fr: 'Ajouter une offre', en: 'Add an offer' },
  none: { fr: 'Aucune offre pour l’instant.', en: 'No offer yet.' },
  version: {
    fr: (version: number, date: string) => `version ${version} du ${date}`,
    en: (version: number, date: string) => `version ${version} of ${date}`,
  },
  hours: { fr: (hours: string) => `${hours} h`, en: (hours: string) => `${hours} h` },
  placeholder: { fr: 'Exemple de l’installation', en: 'Install’s sample' },
  placeholderHint: {
    fr: 'Cette offre est l’exemple livré avec le service : les sessions sans offre sont décrites par elle. Enregistrez-la avec vos propres textes pour la faire vôtre.',
    en: 'This offer is the sample the service comes with: sessions without an offer are described by it. Save it with your own texts to make it yours.',
  },
  retired: { fr: 'Retirée', en: 'Retired' },
  newTitle: { fr: 'Nouvelle offre', en: 'New offer' },
  create: { fr: 'Ajouter l’offre', en: 'Add the offer' },
  save: { fr: 'Enregistrer une nouvelle version', en: 'Save a new version' },
  saveHint: {
    fr: 'Les sessions déjà planifiées gardent leur version ; les prochaines prendront celle-ci.',
    en: 'Sessions already planned keep their version; the next ones get this one.',
  },
  created: { fr: 'Offre ajoutée au catalogue.', en: 'Offer added to the catalogue.' },
  saved: { fr: 'Nouvelle version enregistrée.', en: 'New version saved.' },
  retiredDone: {
    fr: 'Offre retirée : elle n’est plus proposée à la planification.',
    en: 'Offer retired: it is no longer offered when planning.',
  },
  back: { fr: 'Retour au catalogue', en: 'Back to the catalogue' },
  versions: { fr: 'Versions', en: 'Versions' },
  versionWritten: {
    fr: (version: number, at: string, by: string) => `version ${version}, le ${at}, par ${by}`,
    en: (version: number, at: string, by: string) => `version ${version}, ${at}, by ${by}`,
  },
  retire: { fr: 'Retirer l’offre', en: 'Retire the offer' },
  retireTitle: { fr: 'Retirer l’offre', en: 'Retire the offer' },
  retireHint: {
    fr: 'Une offre retirée n’est plus proposée pour planifier une session ; les sessions et documents qui la nomment la gardent.',
    en: 'A retired offer is no longer offered when planning a session; the sessions and documents naming it keep it.',
  },
  nature: { fr: 'Nature', en: 'Nature' },
  current: { fr: 'Version en vigueur', en: 'Current version' },
  price: { fr: 'Prix', en: 'Price' },
  readOnly: {
    fr: 'L’équipe tient le catalogue : demandez-lui une modification.',
    en: 'Staff keep the catalogue: ask them for a change.',
  },
} as const;

type Summary = Awaited<ReturnType<typeof listOffers>>[number];

function listOffers(who: SignedIn) {
  return answer(who.api.GET('/catalogue/offers', { params: { query: { includeRetired: true } } })).then(
    (list) => list.offers,
  );
}

const day = (date: string, lang: Language) => formatDay(`${date}T12:00:00Z`, lang);
const hours = (value: number, lang: Language) =>
  T.hours[lang](new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(value));

function offerCard(offer: Summary, lang: Language) {
  return html`<li class="card">
<h2 class="card-title"><a href="/catalogue/${offer.offerId}">${offer.title}</a></h2>
<p class="card-meta">${KIND[offer.kind][lang]} · ${hours(offer.durationHours, lang)} · ${formatMoney(offer.priceCents, lang)}</p>
<p class="card-meta">${T.version[lang](offer.version, day(offer.versionDate, lang))}${
    offer.placeholder ? html` · ${badge(T.placeholder[lang], 'warn')}` : ''
  }${offer.retiredAt ? html` · ${badge(T.retired[lang], 'neutral')}` : ''}</p>
</li>`;
}

const DONE = { created: 'created', saved: 'saved', retired: 'retiredDone' } as const;
type Done = keyof typeof DONE;
const doneOf = (value: unknown): Done | null =>
  typeof value === 'string' && value in DONE ? (value as Done) : null;

type OfferParams = { Params: { offerId: string }; Querystring: { done?: string } };

export function catalogueScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  app.get('/catalogue', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const offers = await listOffers(who);
    return sendPage(
      reply,
      200,
      renderConsolePage({
        language: lang,
        title: T.title[lang],
        path: request.url,
        viewer: who.viewer,
        section: 'catalogue',
        body: html`<h1>${T.title[lang]}</h1>
<p class="lead">${T.lead[lang]}</p>
${who.viewer.role === 'staff' ? html`<p><a class="button" href="/catalogue/new">${T.add[lang]}</a></p>` : ''}
${offers.length === 0 ? html`<p>${T.none[lang]}</p>` : html`<ul class="cards">${offers.map((offer) => offerCard(offer, lang))}</ul>`}`,
      }),
    );
  });

  function newPage(
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedIn,
    values: OfferForm,
    errors: FieldError[],
    status: number,
  ) {
    const lang = language(request);
    return sendPage(
      reply,
      status,
      renderConsolePage({
        language: lang,
        title: T.newTitle[lang],
        path: request.url,
        viewer: who.viewer,
        section: 'catalogue',
        errors,
        body: html`<p class="breadcrumb"><a href="/catalogue">${T.back[lang]}</a></p>
<h1>${T.newTitle[lang]}</h1>
${form('/catalogue/new', html`${offerFields(values, errors, lang, false)}${button(T.create[lang])}`)}`,
      }),
    );
  }

  app.get('/catalogue/new', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who ? newPage(request, reply, who, formOfOffer(null), [], 200) : reply;
  });

  app.post('/catalogue/new', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const values = formOfBody(request.body, (name) => field(request.body, name));
    const read = readOfferForm(values, lang, null);
    if ('errors' in read) return newPage(request, reply, who, values, read.errors, 422);
    try {
      const created = await answer(who.api.POST('/catalogue/offers', { body: read.body }));
      return seeOther(reply, `/catalogue/${created.offer.offerId}?done=created`);
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.problem.status !== 422) throw error;
      return newPage(request, reply, who, values, offerProblemErrors(error.problem, values, lang), 422);
    }
  });

  async function offerPage(
    request: FastifyRequest<OfferParams>,
    reply: FastifyReply,
    who: SignedIn,
    submitted: OfferForm | null,
    errors: FieldError[],
    status: number,
  ) {
    const lang = language(request);
    const record = await answer(
      who.api.GET('/catalogue/offers/{offerId}', { params: { path: { offerId: request.params.offerId } } }),
    );
    const offer = record.offer as TrainingOffer;
    const values = submitted ?? formOfOffer(offer);
    const done = doneOf(request.query.done);
    const path = `/catalogue/${offer.offerId}`;
    const staff = who.viewer.role === 'staff';
    return sendPage(
      reply,
      status,
      renderConsolePage({
        language: lang,
        title: offer.title,
        path: request.url,
        viewer: who.viewer,
        section: 'catalogue',
        errors,
        body: html`${done ? panel(T[DONE[done]][lang], '') : ''}<p class="breadcrumb"><a href="/catalogue">${T.back[lang]}</a></p>
<h1>${offer.title}</h1>
${summaryList([
  { key: T.nature[lang], value: KIND[offer.kind][lang] },
  {
    key: T.current[lang],
    value: html`${T.version[lang](offer.version, day(offer.versionDate, lang))}${
      record.retiredAt ? html` · ${badge(T.retired[lang], 'neutral')}` : ''
    }`,
  },
  { key: T.price[lang], value: formatMoney(offer.priceCents, lang) },
])}
${offer.placeholder ? html`<p class="hint">${T.placeholderHint[lang]}</p>` : ''}
${
  // Coordinators read the catalogue to plan; only staff write it (the API would refuse them).
  staff
    ? form(
        path,
        html`${offerFields(values, errors, lang, true)}<p class="hint">${T.saveHint[lang]}</p>${button(T.save[lang])}`,
      )
    : html`<p class="hint">${T.readOnly[lang]}</p>`
}
<h2>${T.versions[lang]}</h2>
<ul>${record.versions.map(
          (version) =>
            // The version's date is the day it was written: said once, with its time.
            html`<li>${T.versionWritten[lang](version.version, formatDateTime(version.createdAt, lang), version.createdBy)}${
              version.placeholder ? html` · ${badge(T.placeholder[lang], 'warn')}` : ''
            }</li>`,
        )}</ul>
${
  record.retiredAt || !staff
    ? ''
    : html`<h2>${T.retireTitle[lang]}</h2><p>${T.retireHint[lang]}</p>${form(`${path}/retire`, button(T.retire[lang], { secondary: true }))}`
}`,
      }),
    );
  }

  app.get<OfferParams>('/catalogue/:offerId', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    return who ? offerPage(request, reply, who, null, [], 200) : reply;
  });

  app.post<OfferParams>('/catalogue/:offerId', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const { offerId } = request.params;
    const current = await answer(
      who.api.GET('/catalogue/offers/{offerId}', { params: { path: { offerId } } }),
    );
    const values = {
      ...formOfBody(request.body, (name) => field(request.body, name)),
      kind: current.offer.kind,
    };
    const read = readOfferForm(values, lang, current.offer.kind);
    if ('errors' in read) return offerPage(request, reply, who, values, read.errors, 422);
    try {
      await answer(
        who.api.PUT('/catalogue/offers/{offerId}', { params: { path: { offerId } }, body: read.body }),
      );
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.problem.status !== 422) throw error;
      return offerPage(request, reply, who, values, offerProblemErrors(error.problem, values, lang), 422);
    }
    return seeOther(reply, `/catalogue/${offerId}?done=saved`);
  });

  app.post<OfferParams>('/catalogue/:offerId/retire', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const { offerId } = request.params;
    await answer(who.api.POST('/catalogue/offers/{offerId}/retire', { params: { path: { offerId } } }));
    return seeOther(reply, `/catalogue/${offerId}?done=retired`);
  });
}
