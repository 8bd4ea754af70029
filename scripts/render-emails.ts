/**
 * Writes every e-mail template in French and in English, as its HTML and its plain-text part, with
 * an index.html to open them from, for people reviewing how the e-mails read and look:
 * `npm run emails:render [folder]` (default .data/email-previews). The data are the typed samples
 * the unit tests render, the organisation the sample settings with a sample logo.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { emailIdentity, escapeHtml, layout } from '../activities/email/layout.ts';
import { EMAIL_SAMPLES, EMAIL_VARIANTS } from '../activities/email/samples.ts';
import { renderTemplate } from '../activities/email/templates/index.ts';
import { trainingOffer, workshopOffer } from '../test/support/offers.ts';
import { SAMPLE_SETTINGS } from '../test/support/organisation.ts';
import type { Language } from '../workflows/messages/domain.ts';
import type { EmailRequest, EmailTemplateName } from '../workflows/messages/email.ts';

// A convocation as staff who uploaded the internal rules send it, with its programme and calendar.
const EVERY_ATTACHED_FILE = new Set(['programme', 'internalRules', 'calendar'] as const);
const folder = path.resolve(process.argv[2] ?? '.data/email-previews');
const LANGUAGES: Language[] = ['fr', 'en'];
// As long as the signed links e-mails carry, so a review sees how a real one wraps.
const links = {
  coordinatorPage: 'https://console.example.org/missions/5b1c2f0e-8f4e-4a53-9d0e-2f6f8c9b1a11',
  action: `https://missions.example.org/links/invitations/${'eyJhbGciOiJIUzI1NiJ9'.repeat(6)}.c2lnbmF0dXJl`,
};

await mkdir(folder, { recursive: true });
// Beside the previews, so they show it opened as files; a sent e-mail names the API's public URL.
const LOGO = 'logo.png';
await copyFile(new URL('../test/support/sample-logo.png', import.meta.url), path.join(folder, LOGO));
const rows: string[] = [];
let renders = 0;
const started = performance.now();
const cases: [string, EmailTemplateName, unknown][] = [
  ...(Object.keys(EMAIL_SAMPLES) as EmailTemplateName[]).map(
    (template) => [template, template, EMAIL_SAMPLES[template]] as [string, EmailTemplateName, unknown],
  ),
  ...Object.entries(EMAIL_VARIANTS).map(
    ([name, { template, data }]) => [name, template, data] as [string, EmailTemplateName, unknown],
  ),
];
for (const [name, template, data] of cases) {
  const cells: string[] = [];
  for (const language of LANGUAGES) {
    const request = {
      template,
      data,
      language,
      to: { email: 'someone@example.org', name: 'Someone' },
      idempotencyKey: 'preview',
      missionId: 'm',
    } as EmailRequest;
    const email = await layout(
      renderTemplate(request, links, {
        settings: SAMPLE_SETTINGS,
        attached: EVERY_ATTACHED_FILE,
        // The two-day convocation is a training (its objectives show), its remote variant a workshop.
        offer: name === 'convocation' ? trainingOffer : workshopOffer,
      }),
      language,
      emailIdentity(SAMPLE_SETTINGS, language, LOGO),
    );
    renders += 1;
    const base = `${name}.${language}`;
    await writeFile(path.join(folder, `${base}.html`), email.html);
    await writeFile(path.join(folder, `${base}.txt`), `Subject: ${email.subject}\n\n${email.text}\n`);
    cells.push(
      `<td lang="${language}"><a href="${base}.html">${escapeHtml(email.subject)}</a> · <a href="${base}.txt">text</a></td>`,
    );
  }
  rows.push(`<tr><th scope="row">${name}</th>${cells.join('')}</tr>`);
}
const elapsed = performance.now() - started;
await writeFile(
  path.join(folder, 'index.html'),
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>E-mail previews</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}td,th{padding:.3em .6em;text-align:left;vertical-align:top}tr:nth-child(even){background:#f4f5f7}</style></head>
<body><h1>E-mail previews</h1><p>${renders} e-mails, every template in French and English, rendered from activities/email/samples.ts.</p>
<table><thead><tr><th scope="col">template</th><th scope="col">français</th><th scope="col">English</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></body></html>
`,
);
console.log(
  `${renders} e-mails in ${folder} (${(elapsed / renders).toFixed(1)} ms each, the first compile included); open index.html`,
);
