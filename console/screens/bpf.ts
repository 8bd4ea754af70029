/**
 * Staff's yearly "bilan pédagogique et financier" (GET /reports/bpf): the figures to copy into the
 * form, frame by frame, each with the sessions behind it, what the service cannot fill and why,
 * and the same figures as a spreadsheet. The year filed in spring is the past one: it is the
 * default.
 */
import type { FastifyInstance } from 'fastify';
import { type Html, html } from '../../pages/html.ts';
import { formatMoney, type Language } from '../../pages/i18n.ts';
import type { FieldError } from '../../pages/layout.ts';
import { answer, type BpfReport } from '../api/client.ts';
import { language, sendDownload, sendPage } from '../context.ts';
import { input } from '../fields.ts';
import { renderConsolePage } from '../layout.ts';
import type { ConsoleRoutes } from '../routes.ts';
import { when } from '../words.ts';

type Report = BpfReport;
type Figure = Report['figures'][number];

const T = {
  title: { fr: 'Bilan pédagogique et financier', en: 'Yearly training report (BPF)' },
  lead: {
    fr: 'Les chiffres à reporter dans le formulaire Cerfa 10443, à déposer sur Mon Activité Formation avant le 31 mai pour l’année écoulée. Ils viennent des formations des missions de l’association terminées dans l’année ; chaque chiffre indique les sessions qui le composent.',
    en: 'The figures to copy into the Cerfa 10443 form, filed on Mon Activité Formation before 31 May for the past year. They come from the trainings of the association’s missions that ended in the year; each figure names the sessions behind it.',
  },
  year: { fr: 'Année', en: 'Year' },
  show: { fr: 'Afficher', en: 'Show' },
  csv: { fr: 'Télécharger le tableur (CSV)', en: 'Download the spreadsheet (CSV)' },
  sessions: { fr: 'Sessions comptées :', en: 'Sessions counted:' },
  none: {
    fr: 'Aucune formation terminée cette année-là : le bilan est à zéro.',
    en: 'No training ended that year: every figure is zero.',
  },
  income: { fr: 'C. Origine des produits', en: 'C. Where the income comes from' },
  charges: { fr: 'D. Charges', en: 'D. Charges' },
  trainers: {
    fr: 'E. Personnes dispensant des heures de formation',
    en: 'E. People who delivered training hours',
  },
  trainees: { fr: 'F-1. Stagiaires', en: 'F-1. Trainees' },
  objectives: { fr: 'F-3. Objectif général des prestations', en: 'F-3. What the trainings aimed at' },
  line: { fr: 'Ligne', en: 'Line' },
  label: { fr: 'Libellé', en: 'Label' },
  amount: { fr: 'Montant', en: 'Amount' },
  persons: { fr: 'Personnes', en: 'People' },
  hours: { fr: 'Heures', en: 'Hours' },
  behind: { fr: 'Sessions', en: 'Sessions' },
  notFilled: { fr: 'Ce que le service ne peut pas remplir', en: 'What the service cannot fill in' },
  badYear: { fr: 'Saisissez une année entre 2000 et 2100.', en: 'Enter a year between 2000 and 2100.' },
};

/** What cannot be filled, in French; the API words it in English (`frame`, `reason`). */
const NOT_FILLED: Record<string, { frame: string; reason: string }> = {
  IDENTIFICATION: {
    frame: 'A, B',
    reason:
      'L’identification de l’organisme et de son dirigeant : à saisir une fois sur le formulaire, depuis les paramètres de l’association.',
  },
  OTHER_INCOME: {
    frame: 'C (lignes 2-a à 2-d, 4 à 6, 8, 10, 11) et la part du chiffre d’affaires',
    reason:
      'Apprentissage, professionnalisation, transition professionnelle, subventions, sous-traitance pour d’autres organismes et autres produits ne passent pas par ce service ; la part du chiffre d’affaires demande la comptabilité.',
  },
  ACCOUNTS: {
    frame: 'D (total des charges, D-1 salaires des formateurs)',
    reason:
      'Seules les rétributions des animateur·ices sont connues ici (D-2) ; les salaires et les autres charges sont dans la comptabilité.',
  },
  OWN_TRAINERS: {
    frame: 'E-1',
    reason:
      'Les salarié·es de l’association qui animent ne sont pas distingués : chaque animateur·ice compte comme personne extérieure (E-2).',
  },
  TRAINEE_STATUS: {
    frame: 'F-1, lignes b et e',
    reason:
      'Les apprentis ne sont pas enregistrés ; les titulaires du CPF, les travailleurs non salariés et les agents publics comptent en « autres stagiaires » (ligne e), leur statut n’étant pas enregistré.',
  },
  SUBCONTRACTING: {
    frame: 'F-2, G',
    reason:
      'L’association réalise ses propres contrats : aucune formation ne lui est confiée par un autre organisme, ni confiée par elle, à travers ce service.',
  },
  CERTIFICATIONS: {
    frame: 'F-3 (lignes a à e), F-4',
    reason:
      'La certification visée (RNCP, RS, CQP) et la spécialité NSF d’une formation ne sont pas encore enregistrées : chaque stagiaire compte en « autres formations professionnelles » (ligne f).',
  },
  WORKSHOPS: {
    frame: 'Ateliers',
    reason:
      'Les ateliers ne sont pas comptés : ce ne sont pas des actions de formation (L6313-1), sauf si le catalogue le dit, ce qu’il ne peut pas encore.',
  },
};

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };
const hours = (value: number, lang: Language) =>
  new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 }).format(value);

/** The year filed in spring: the calendar year before today's, in Paris. */
function lastYear(): number {
  const year = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()),
  );
  return year - 1;
}

function sessionsBehind(
  figure: Figure,
  titles: Map<string, Report['sessions'][number]>,
  lang: Language,
): Html {
  if (figure.sessionIds.length === 0) return html`0`;
  return html`<details><summary>${String(figure.sessionIds.length)}</summary><ul>${figure.sessionIds.map(
    (id) => {
      const session = titles.get(id);
      return session
        ? html`<li><a href="/missions/${session.missionId}/sessions/${session.sessionId}">${session.title}</a> — ${session.missionTitle} (${when(session.endsAt, lang)})</li>`
        : html`<li>${id}</li>`;
    },
  )}</ul></details>`;
}

function table(
  caption: string,
  rows: Figure[][],
  columns: { heading: string; cell: (figures: Figure[]) => Html | string }[],
  titles: Map<string, Report['sessions'][number]>,
  lang: Language,
): Html {
  return html`<h2>${caption}</h2><div class="table-scroll"><table>
<thead><tr><th scope="col">${T.line[lang]}</th><th scope="col">${T.label[lang]}</th>${columns.map(
    (column) => html`<th scope="col">${column.heading}</th>`,
  )}<th scope="col">${T.behind[lang]}</th></tr></thead>
<tbody>${rows.map((figures) => {
    const first = figures[0] as Figure;
    const widest = figures.reduce((best, figure) =>
      figure.sessionIds.length > best.sessionIds.length ? figure : best,
    );
    return html`<tr><th scope="row">${first.line}</th><td>${first.label}</td>${columns.map(
      (column) => html`<td>${column.cell(figures)}</td>`,
    )}<td>${sessionsBehind(widest, titles, lang)}</td></tr>`;
  })}</tbody></table></div>`;
}

function body(report: Report, lang: Language, errors: FieldError[]): Html {
  const titles = new Map(report.sessions.map((session) => [session.sessionId, session]));
  const byLine = (prefix: string, unit: Figure['unit']) =>
    report.figures.filter((figure) => figure.line.startsWith(prefix) && figure.unit === unit);
  const paired = (prefix: string) =>
    byLine(prefix, 'persons').map((persons) => [
      persons,
      ...report.figures.filter((figure) => figure.line === persons.line && figure.unit === 'hours'),
    ]);
  const money = {
    heading: T.amount[lang],
    cell: (figures: Figure[]) => formatMoney(figures[0]?.value ?? 0, lang),
  };
  const people = [
    { heading: T.persons[lang], cell: (figures: Figure[]) => String(figures[0]?.value ?? 0) },
    { heading: T.hours[lang], cell: (figures: Figure[]) => hours(figures[1]?.value ?? 0, lang) },
  ];
  return html`<h1>${T.title[lang]} ${String(report.year)}</h1>
<p class="lead">${T.lead[lang]}</p>
<form method="get" action="/reports/bpf" class="filters"><div class="group-fields">${input({
    id: 'year',
    type: 'number',
    label: T.year[lang],
    value: String(report.year),
    errors,
  })}<button type="submit" class="button secondary">${T.show[lang]}</button></div></form>
<p><a class="button" href="/reports/bpf.csv?year=${String(report.year)}" download>${T.csv[lang]}</a></p>
<p>${T.sessions[lang]} ${String(report.sessions.length)}</p>
${report.sessions.length === 0 ? html`<p>${T.none[lang]}</p>` : ''}
${table(
  T.income[lang],
  byLine('C-', 'cents').map((figure) => [figure]),
  [money],
  titles,
  lang,
)}
${table(
  T.charges[lang],
  byLine('D-', 'cents').map((figure) => [figure]),
  [money],
  titles,
  lang,
)}
${table(T.trainers[lang], paired('E-'), people, titles, lang)}
${table(T.trainees[lang], paired('F-1'), people, titles, lang)}
${table(T.objectives[lang], paired('F-3'), people, titles, lang)}
<h2>${T.notFilled[lang]}</h2>
<ul>${report.notFilled.map((gap) => {
    const words = lang === 'fr' ? (NOT_FILLED[gap.code] ?? gap) : gap;
    return html`<li><strong>${words.frame}</strong> — ${words.reason}</li>`;
  })}</ul>`;
}

export function bpfScreens(app: FastifyInstance, routes: ConsoleRoutes): void {
  app.get<{ Querystring: { year?: string } }>('/reports/bpf', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const lang = language(request);
    const raw = request.query.year?.trim();
    const year = raw ? Number(raw) : lastYear();
    const valid = Number.isInteger(year) && year >= 2000 && year <= 2100;
    const errors: FieldError[] = valid ? [] : [{ field: 'year', message: T.badYear[lang] }];
    const shown = valid ? year : lastYear();
    const report = await answer(who.api.GET('/reports/bpf', { params: { query: { year: shown } } }));
    return sendPage(
      reply,
      valid ? 200 : 422,
      renderConsolePage({
        language: lang,
        title: `${T.title[lang]} ${shown}`,
        path: request.url,
        viewer: who.viewer,
        section: 'reports',
        errors,
        body: body(report, lang, errors),
      }),
    );
  });

  /** The spreadsheet comes from the API with the person's token: the browser gets it from here. */
  app.get<{ Querystring: { year?: string } }>('/reports/bpf.csv', async (request, reply) => {
    const who = routes.requireSignIn(request, reply);
    if (!who) return reply;
    const year = Number(request.query.year);
    if (!Number.isInteger(year)) return reply.callNotFound();
    return sendDownload(
      reply,
      await who.api.GET('/reports/bpf.csv', { params: { query: { year } }, parseAs: 'arrayBuffer' }),
    );
  });
}
