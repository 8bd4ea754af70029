/**
 * The console's one layout: who is signed in, the way back to one's missions, an error summary
 * that links to each field in error (pages/layout.ts's), the content, and the language switch.
 * Unlike the link pages it is not behind a personal link: the referrer stays within the console
 * (its forms' Origin check needs it) and the footer says nothing about forwarding.
 */
import { type Html, html } from '../pages/html.ts';
import type { Language, Words } from '../pages/i18n.ts';
import { errorSummary, type FieldError } from '../pages/layout.ts';

export interface Viewer {
  name: string;
  role: 'staff' | 'coordinator' | 'facilitator';
}

export interface ConsolePage {
  language: Language;
  title: string;
  body: Html;
  errors?: FieldError[];
  /** The page's own path (and query), for the language switch to come back to. */
  path: string;
  viewer?: Viewer;
  /** Which part of the site the page belongs to, marked in the navigation. */
  section?: Section;
}

type Section = 'missions' | 'facilitators' | 'catalogue' | 'rates' | 'surveys' | 'stuck' | 'reports';

const T = {
  brand: { fr: 'Console de coordination', en: 'Coordination console' },
  errorPrefix: { fr: 'Erreur :', en: 'Error:' },
  other: { fr: 'English', en: 'Français' },
  otherLang: { fr: 'en', en: 'fr' },
  missions: { fr: 'Mes missions', en: 'My missions' },
  allMissions: { fr: 'Missions', en: 'Missions' },
  signOut: { fr: 'Se déconnecter', en: 'Sign out' },
  directory: { fr: 'Annuaire', en: 'Directory' },
  catalogue: { fr: 'Catalogue', en: 'Catalogue' },
  rates: { fr: 'Taux de rétribution', en: 'Payout rates' },
  surveys: { fr: 'Satisfaction', en: 'Satisfaction' },
  stuck: { fr: 'Activités bloquées', en: 'Stuck activities' },
  reports: { fr: 'Bilan annuel (BPF)', en: 'Yearly report (BPF)' },
  signedInAs: { fr: 'Connecté·e :', en: 'Signed in:' },
  skip: { fr: 'Aller au contenu', en: 'Skip to content' },
  footer: {
    fr: 'Tout ce que montre cette console vient de l’API du service, avec vos droits.',
    en: 'Everything this console shows comes from the service’s API, with your rights.',
  },
} satisfies Record<string, Words>;

function languageSwitch(language: Language, path: string): Html {
  const other = T.otherLang[language];
  const href = `/language/${other}?back=${encodeURIComponent(path)}`;
  return html`<a class="language" href="${href}" lang="${other}" hreflang="${other}">${T.other[language]}</a>`;
}

export function renderConsolePage(page: ConsolePage): string {
  const errors = page.errors ?? [];
  const { language } = page;
  const title = errors.length > 0 ? `${T.errorPrefix[language]} ${page.title}` : page.title;
  const link = (href: string, section: Section, words: Html | string) =>
    html`<a href="${href}"${page.section === section ? html` aria-current="page"` : ''}>${words}</a>`;
  const staff = page.viewer?.role === 'staff';
  const nav = page.viewer
    ? html`<nav class="console-nav" aria-label="${T.brand[language]}"><div class="width">
${link('/missions', 'missions', staff ? T.allMissions[language] : T.missions[language])}
${page.viewer.role === 'facilitator' ? '' : link('/facilitators', 'facilitators', T.directory[language])}${
  staff
    ? html`
${link('/catalogue', 'catalogue', T.catalogue[language])}
${link('/payout-rates', 'rates', T.rates[language])}
${link('/surveys', 'surveys', T.surveys[language])}
${link('/stuck-activities', 'stuck', T.stuck[language])}
${link('/reports/bpf', 'reports', T.reports[language])}`
    : page.viewer.role === 'coordinator'
      ? html`
${link('/surveys', 'surveys', T.surveys[language])}`
      : ''
}
<span class="who"><span class="viewer">${T.signedInAs[language]} ${page.viewer.name}</span>
<form method="post" action="/sign-out" class="sign-out"><button type="submit" class="link-button">${T.signOut[language]}</button></form></span>
</div></nav>`
    : '';
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} — ${T.brand[language]}</title>
<link rel="stylesheet" href="/assets/pages.css">
<link rel="stylesheet" href="/assets/console.css">
</head>
<body>
<a class="skip-link" href="#main">${T.skip[language]}</a>
<header class="banner"><div class="width"><span class="brand">${T.brand[language]}</span>${languageSwitch(language, page.path)}</div></header>
${nav}
<main id="main" class="width" tabindex="-1">
${errorSummary(language, errors)}
${page.body}
</main>
<footer class="width"><p>${T.footer[language]}</p></footer>
</body>
</html>
`.value;
}
