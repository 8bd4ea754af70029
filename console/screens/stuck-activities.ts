/**
 * Activities retrying after repeated failures (GET /stuck-activities): each with what staff can
 * do about it. Activities retry without limit, so fixing the cause is enough: the step then
 * succeeds by itself and leaves this list.
 */
import type { FastifyInstance } from 'fastify';
import { summaryList } from '../../pages/forms.ts';
import { type Html, html } from '../../pages/html.ts';
import type { Language } from '../../pages/i18n.ts';
import { answer, type StuckActivity } from '../api/client.ts';
import { language, sendPage } from '../context.ts';
import { renderConsolePage } from '../layout.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { workflowLink } from '../temporal-ui.ts';
import { when } from '../words.ts';

type Advice = Record<Language, Html>;

const T = {
  title: { fr: 'Activités bloquées', en: 'Stuck activities' },
  lead: {
    fr: 'Ces étapes échouent depuis au moins trois tentatives et sont réessayées sans fin : rien n’est perdu, la mission attend. Corrigez la cause ; l’étape réussit alors d’elle-même et quitte cette liste.',
    en: 'These steps have failed at least three times and are retried without end: nothing is lost, the mission waits. Fix the cause; the step then succeeds by itself and leaves this list.',
  },
  none: { fr: 'Aucune activité bloquée.', en: 'No stuck activity.' },
  what: { fr: 'Que faire :', en: 'What to do:' },
  error: { fr: 'Dernière erreur', en: 'Last error' },
  attempts: { fr: 'Tentatives', en: 'Attempts' },
  since: { fr: 'Échoue depuis', en: 'Failing since' },
  last: { fr: 'Dernier échec', en: 'Last failure' },
  workflow: { fr: 'Workflow', en: 'Workflow' },
  mission: { fr: 'Ouvrir la mission', en: 'Open the mission' },
  temporal: { fr: 'Ouvrir dans Temporal Web UI', en: 'Open in the Temporal Web UI' },
  more: {
    fr: 'Seules les 100 dernières sont affichées.',
    en: 'Only the 100 most recent are shown.',
  },
};

/** The step in staff's words; the activity's own name stays beside it, for the Web UI and the logs. */
const STEP: Record<string, Record<Language, string>> = {
  sendEmail: { fr: 'Envoi d’un e-mail', en: 'Sending an e-mail' },
  generateDocument: { fr: 'Production d’un document', en: 'Producing a document' },
  issueSelfBillingInvoice: {
    fr: 'Émission d’une facture d’autofacturation',
    en: 'Issuing a self-billing invoice',
  },
  loadPayoutTerms: { fr: 'Calcul d’une rétribution', en: 'Pricing a payout' },
  loadCompliance: { fr: 'Vérification de la conformité OF', en: 'Checking compliance' },
  projectMission: {
    fr: 'Mise à jour du tableau de bord d’une mission',
    en: 'Updating a mission’s dashboard',
  },
  projectSession: { fr: 'Mise à jour d’une session', en: 'Updating a session' },
  projectPayout: { fr: 'Mise à jour d’une rétribution', en: 'Updating a payout' },
};

/** What staff can do, from what failed: the error type first, then the kind of step. */
function advice(stuck: StuckActivity): Advice {
  if (stuck.errorType === 'PAYOUT_RATE_MISSING')
    return {
      fr: html`Un taux de rétribution manque : ajoutez-le sur la page <a href="/payout-rates">Taux de rétribution</a>. La rétribution sera calculée à la tentative suivante.`,
      en: html`A payout rate is missing: add it on the <a href="/payout-rates">Payout rates</a> page. The payout is priced at the next attempt.`,
    };
  switch (stuck.activityType) {
    case 'sendEmail':
      return {
        fr: html`Le fournisseur d’e-mails refuse ou ne répond pas : vérifiez son état et la clé d’API (RESEND_API_KEY), ou l’adresse du destinataire dans l’erreur. L’e-mail part tout seul ensuite, une seule fois.`,
        en: html`The e-mail provider refuses or does not answer: check its status and the API key (RESEND_API_KEY), or the recipient’s address in the error. The e-mail then goes out by itself, once.`,
      };
    case 'generateDocument':
    case 'issueSelfBillingInvoice':
      return {
        fr: html`Le document ne peut pas être produit : vérifiez le convertisseur PDF (LibreOffice ou le service de conversion) et la base de données. Si l’erreur parle des données, corrigez la fiche concernée (annuaire, facturation, paramètres de l’association).`,
        en: html`The document cannot be produced: check the PDF converter (LibreOffice or the conversion service) and the database. If the error is about the data, correct the record it names (directory, billing, the association’s settings).`,
      };
    case 'loadPayoutTerms':
    case 'loadCompliance':
    case 'projectMission':
    case 'projectSession':
    case 'projectPayout':
      return {
        fr: html`La base de données ne répond pas ou refuse l’écriture : vérifiez Postgres (connexion, espace disque, migrations). L’étape reprend d’elle-même.`,
        en: html`The database does not answer or refuses the write: check Postgres (connection, disk space, migrations). The step resumes by itself.`,
      };
    default:
      return {
        fr: html`Ouvrez le workflow dans Temporal Web UI : l’onglet des activités en attente montre l’erreur complète et la prochaine tentative.`,
        en: html`Open the workflow in the Temporal Web UI: its pending activities show the full error and the next attempt.`,
      };
  }
}

export function stuckActivityScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  app.get('/stuck-activities', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const stuck = await answer(who.api.GET('/stuck-activities', { params: { query: { limit: 100 } } }));
    const ui = routes.options.temporalUi;
    return sendPage(
      reply,
      200,
      renderConsolePage({
        language: lang,
        title: T.title[lang],
        path: request.url,
        viewer: who.viewer,
        section: 'stuck',
        body: html`<h1>${T.title[lang]}</h1>
<p class="lead">${T.lead[lang]}</p>
${
  stuck.length === 0
    ? html`<p>${T.none[lang]}</p>`
    : html`<ul class="cards stuck">${stuck.map(
        (activity) => html`<li class="card">
<h2 class="card-title">${STEP[activity.activityType]?.[lang] ?? activity.activityType}</h2>
<p class="card-meta"><code>${activity.activityType}</code>${activity.errorType ? html` · <code>${activity.errorType}</code>` : ''}</p>
<p><strong>${T.what[lang]}</strong> ${advice(activity)[lang]}</p>
${summaryList([
  { key: T.error[lang], value: activity.errorMessage },
  { key: T.attempts[lang], value: String(activity.attempt) },
  { key: T.since[lang], value: when(activity.firstFailedAt, lang) },
  { key: T.last[lang], value: when(activity.lastFailedAt, lang) },
  { key: T.workflow[lang], value: html`<code>${activity.workflowId}</code>` },
])}
<ul class="mission-links">${activity.missionId ? html`<li><a href="/missions/${activity.missionId}">${T.mission[lang]}</a></li>` : ''}${
          ui ? html`<li><a href="${workflowLink(ui, activity.workflowId)}">${T.temporal[lang]}</a></li>` : ''
        }</ul>
</li>`,
      )}</ul>`
}
${stuck.length === 100 ? html`<p class="hint">${T.more[lang]}</p>` : ''}`,
      }),
    );
  });
}
