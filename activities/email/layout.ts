import type { Language } from '../../workflows/messages/domain.ts';
import { oneLine } from './headers.ts';

export interface EmailContent {
  subject: string;
  /** Paragraphs of plain text; the HTML version is built from the same words. */
  paragraphs: string[];
  action?: { label: string; url: string };
}

const SIGNATURE: Record<Language, string> = {
  fr: "L'équipe des missions",
  en: 'The missions team',
};

export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

/** One plain layout for every e-mail: readable as text, and as HTML in any client. */
export function layout(
  content: EmailContent,
  language: Language,
  /** The organisation's sign-off (its settings); the generic one without. */
  signature: string = SIGNATURE[language],
): { subject: string; text: string; html: string } {
  const text = [
    ...content.paragraphs,
    ...(content.action
      ? [`${content.action.label}${language === 'fr' ? ' : ' : ': '}${content.action.url}`]
      : []),
    '',
    signature,
  ].join('\n\n');
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; line-height: 1.5">
${content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
${content.action ? `<p><a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.label)}</a></p>` : ''}
<p>${escapeHtml(signature)}</p>
</body></html>
`;
  // Subjects carry titles and names people typed: a header is one line.
  return { subject: oneLine(content.subject), text, html };
}
