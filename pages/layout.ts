/**
 * The one layout of every page behind an e-mail link: a heading that says what the page is for,
 * an error summary that links to each field in error, the content, and a switch to the other
 * language. No script unless a page needs one (the signature pad); styles from one small file.
 */
import { type Html, html } from './html.ts';
import type { Language, Words } from './i18n.ts';

export interface FieldError {
  /** The `id` of the field the message belongs to (and the summary links to). */
  field: string;
  message: string;
}

export interface PageContent {
  language: Language;
  title: string;
  body: Html;
  errors?: FieldError[];
  /** Scripts of ours (under /assets/), for pages that get better with JavaScript. */
  scripts?: string[];
  /** Where the language switch points: the same page in the other language. */
  path?: string;
  /** False for a link meant to be shared (the half-day's signing link shown to the whole room). */
  personalLink?: boolean;
}

const TEXT = {
  brand: { fr: 'Missions de l’association', en: 'Association missions' },
  errorTitle: { fr: 'Il y a un problème', en: 'There is a problem' },
  errorPrefix: { fr: 'Erreur :', en: 'Error:' },
  other: { fr: 'English', en: 'Français' },
  otherLang: { fr: 'en', en: 'fr' },
  footer: {
    fr: 'Ce lien vous est personnel : ne le transférez pas.',
    en: 'This link is personal to you: do not forward it.',
  },
} satisfies Record<string, Words>;

function languageSwitch(language: Language, path: string | undefined): Html {
  if (!path) return html``;
  const other = TEXT.otherLang[language];
  const [base, query = ''] = path.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', other);
  return html`<a class="language" href="${`${base}?${params}`}" lang="${other}" hreflang="${other}">${TEXT.other[language]}</a>`;
}

export function errorSummary(language: Language, errors: FieldError[]): Html {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">${TEXT.errorTitle[language]}</h2>
  <ul>${errors.map((error) => html`<li><a href="#${error.field}">${error.message}</a></li>`)}</ul>
</div>`;
}

export function renderPage(content: PageContent): string {
  const errors = content.errors ?? [];
  const title = errors.length > 0 ? `${TEXT.errorPrefix[content.language]} ${content.title}` : content.title;
  return html`<!doctype html>
<html lang="${content.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title} — ${TEXT.brand[content.language]}</title>
<link rel="stylesheet" href="/assets/pages.css">
</head>
<body>
<header class="banner"><div class="width"><span class="brand">${TEXT.brand[content.language]}</span>${languageSwitch(content.language, content.path)}</div></header>
<main id="main" class="width">
${errorSummary(content.language, errors)}
${content.body}
</main>
<footer class="width">${content.personalLink === false ? '' : html`<p>${TEXT.footer[content.language]}</p>`}</footer>
${(content.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>
`.value;
}
