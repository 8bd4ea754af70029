import mjml2html from 'mjml';
import type { Language } from '../../workflows/messages/domain.ts';
import type { OrganisationSettings } from '../../workflows/rules/organisation-settings.ts';
import { oneLine } from './headers.ts';

/** What a template says; the layout alone decides how it looks, in HTML and in plain text. */
export interface EmailContent {
  subject: string;
  /** Paragraphs of plain text; the layout escapes them. */
  paragraphs: string[];
  /** Someone else's words (a coordinator's message), set apart below the paragraphs as a quotation. */
  quote?: string[];
  /** What, when, where: set apart below the paragraphs so a reader finds them at a glance. */
  facts?: { label: string; value: string }[];
  /** The e-mail's one button. */
  action?: { label: string; url: string };
}

/** Who the e-mail comes from, as the organisation's settings name it. */
export interface EmailIdentity {
  /** The name in the header, the same as the sender's name in the inbox. */
  name: string;
  signature: string;
  /** The legal name and postal address at the foot. */
  footer: string;
  /** The logo's absolute address, when staff uploaded one; the header then shows it beside the name. */
  logoUrl?: string;
}

export function emailIdentity(
  settings: OrganisationSettings,
  language: Language,
  logoUrl?: string,
): EmailIdentity {
  return {
    name: settings.email.senderName,
    signature: settings.email.signature[language],
    footer: `${settings.legalName}, ${settings.address}`,
    ...(logoUrl ? { logoUrl } : {}),
  };
}

export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

const WORDS: Record<Language, { colon: string; fallback: string }> = {
  fr: { colon: ' : ', fallback: 'Si le bouton ne s’ouvre pas, copiez cette adresse dans votre navigateur :' },
  en: { colon: ': ', fallback: 'If the button does not open, copy this address into your browser:' },
};

/**
 * Typography in the HTML, where a reader sees it: typographic apostrophes, English quotation
 * marks paired as “ ”, and in French a non-breaking space that keeps « ; : ? ! » and n° with their
 * word. The text part and the subject keep the words as the templates wrote them.
 */
function typeset(text: string, language: Language): string {
  const apostrophes = text.replace(/'/g, '’');
  if (language === 'en') return apostrophes.replace(/"([^"]*)"/g, '“$1”');
  return apostrophes
    .replace(/« /g, '«\u00a0')
    .replace(/ ([;:?!»])/g, '\u00a0$1')
    .replace(/n° /g, 'n°\u00a0');
}

/**
 * Colours checked for contrast (WCAG AA): white on the brand blue 8.6:1, the body's ink on white
 * 14:1, the muted grey on white 6.4:1 and on the facts' tint 5.9:1, the quotation's rule 3.9:1.
 */
const BRAND = '#1d4e89';
const INK = '#1f2933';
const MUTED = '#52606d';
const TINT = '#eef2f7';
const QUOTE_RULE = '#7b8794';

/**
 * The association's name as a wordmark on the brand blue; with a logo, the logo and the name beside
 * it on white, where a logo drawn for paper stays legible. A table, not two MJML columns, keeps
 * them side by side on a phone. The logo's alt text is empty: the name is written beside it, and a
 * name as alt text too showed twice (cut off in a 48 px box) where images are blocked, and was read
 * twice by screen readers.
 * Logos come in any shape: the maxima keep the proportions, the height attribute is for Outlook.
 */
function header(identity: EmailIdentity, html: (value: string) => string): string {
  if (!identity.logoUrl)
    return `<mj-section background-color="${BRAND}" padding="20px 24px">
<mj-column><mj-text color="#ffffff" font-size="20px" font-weight="bold" line-height="1.3">${html(identity.name)}</mj-text></mj-column>
</mj-section>`;
  return `<mj-section background-color="#ffffff" border-bottom="4px solid ${BRAND}" padding="16px 24px">
<mj-column><mj-text color="${BRAND}" font-size="20px" font-weight="bold" line-height="1.3"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>
<td style="vertical-align: middle; padding-right: 12px;"><img src="${escapeHtml(identity.logoUrl)}" alt="" height="48" style="display: block; height: auto; width: auto; max-height: 48px; max-width: 160px; border: 0;"></td>
<td style="vertical-align: middle;">${html(identity.name)}</td>
</tr></table></mj-text></mj-column>
</mj-section>`;
}

/**
 * Every e-mail in one layout, compiled by MJML to the table-based HTML with inlined styles that
 * Outlook, Gmail and phone mail apps render alike, and written out as plain text with the
 * button's address in full. Every value is escaped before it enters the MJML.
 */
export async function layout(
  content: EmailContent,
  language: Language,
  identity: EmailIdentity,
): Promise<{ subject: string; text: string; html: string }> {
  const words = WORDS[language];
  const text = [
    ...content.paragraphs,
    ...(content.quote?.length ? [content.quote.map((line) => `> ${line}`).join('\n>\n')] : []),
    ...(content.facts?.length
      ? [content.facts.map((fact) => `${fact.label}${words.colon}${fact.value}`).join('\n')]
      : []),
    ...(content.action ? [`${content.action.label}${words.colon}${content.action.url}`] : []),
    identity.signature,
    `-- \n${identity.footer}`,
  ].join('\n\n');

  const html = (value: string) => escapeHtml(typeset(value, language));
  const quote = content.quote?.length
    ? `<mj-section padding="0 24px 16px"><mj-column border-left="4px solid ${QUOTE_RULE}">
<mj-text padding="0 0 0 16px">${content.quote.map((line) => `<p>${html(line)}</p>`).join('\n')}</mj-text>
</mj-column></mj-section>`
    : '';
  const facts = content.facts?.length
    ? `<mj-section padding="0 24px"><mj-column background-color="${TINT}" border-left="4px solid ${BRAND}" padding="8px 0">
<mj-text padding="4px 16px">${content.facts
        .map((fact) => `<div class="fact"><strong>${html(fact.label)}</strong><br>${html(fact.value)}</div>`)
        .join('\n')}</mj-text>
</mj-column></mj-section>`
    : '';
  const action = content.action
    ? `<mj-section padding="8px 24px 0"><mj-column>
<mj-button href="${escapeHtml(content.action.url)}" align="left" background-color="${BRAND}" color="#ffffff" font-size="16px" font-weight="bold" inner-padding="14px 24px" border-radius="4px" padding="16px 0 8px">${html(content.action.label)}</mj-button>
<mj-text font-size="13px" color="${MUTED}" padding="0">${html(words.fallback)}<br><span class="url">${escapeHtml(content.action.url)}</span></mj-text>
</mj-column></mj-section>`
    : '';
  const markup = `<mjml lang="${language}">
<mj-head>
<mj-title>${html(content.subject)}</mj-title>
<mj-attributes>
<mj-all font-family="Helvetica, Arial, sans-serif" />
<mj-text font-size="16px" line-height="1.5" color="${INK}" padding="0" />
</mj-attributes>
<mj-style>
p { margin: 0 0 16px; }
.fact { margin: 4px 0 8px; }
.url { word-break: break-all; }
</mj-style>
</mj-head>
<mj-body background-color="#f4f5f7" width="600px">
${header(identity, html)}
<mj-wrapper background-color="#ffffff" padding="24px 0">
<mj-section padding="0 24px"><mj-column>
<mj-text><h1 style="margin: 0 0 20px; font-size: 22px; line-height: 1.3; color: ${INK};">${html(content.subject)}</h1>
${content.paragraphs.map((paragraph) => `<p>${html(paragraph)}</p>`).join('\n')}</mj-text>
</mj-column></mj-section>
${quote}
${facts}
${action}
<mj-section padding="24px 24px 0"><mj-column><mj-text><p>${html(identity.signature)}</p></mj-text></mj-column></mj-section>
</mj-wrapper>
<mj-section padding="16px 24px"><mj-column>
<mj-text font-size="13px" color="${MUTED}">${html(identity.footer)}</mj-text>
</mj-column></mj-section>
</mj-body>
</mjml>`;
  const compiled = await mjml2html(markup, { validationLevel: 'strict', keepComments: false });
  // Subjects carry titles and names people typed: a header is one line.
  return { subject: oneLine(content.subject), text, html: compiled.html };
}
