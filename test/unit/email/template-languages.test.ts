/**
 * Every e-mail template rendered in English and in French: an English e-mail carries no French
 * date, day, month, time separator or decimal comma (issue #15, item 8), and both languages
 * render without an undefined value.
 */
import { describe, expect, it } from 'vitest';
import { emailIdentity, layout } from '../../../activities/email/layout.ts';
import { EMAIL_SAMPLES } from '../../../activities/email/samples.ts';
import { renderTemplate } from '../../../activities/email/templates/index.ts';
import type { EmailRequest, EmailTemplateName } from '../../../workflows/messages/email.ts';
import { SAMPLE_SETTINGS } from '../../support/organisation.ts';

const FRENCH_FORMATS = [
  /\b(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b/i,
  /\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b/i,
  /\b(matin|après-midi)\b/i,
  /\d{2}:\d{2} à \d{2}:\d{2}/,
  /\d,\d{1,2}\b/,
  /\d \u202f?€|\d\u00a0€/,
  / : https?:/,
];

function render(template: EmailTemplateName, language: 'fr' | 'en') {
  const request = {
    template,
    data: EMAIL_SAMPLES[template],
    language,
    to: { email: 'someone@example.org', name: 'Someone' },
    idempotencyKey: 'k',
    missionId: 'm',
    sessionId: 's',
  } as EmailRequest;
  return layout(
    renderTemplate(
      request,
      { coordinatorPage: 'https://console.example.org/missions/m', action: 'https://x.example/links/t' },
      { settings: SAMPLE_SETTINGS, attached: new Set(['programme', 'internalRules', 'calendar']) },
    ),
    language,
    emailIdentity(SAMPLE_SETTINGS, language),
  );
}

/** Templates that only ever go to French-speaking people of the association or the client. */
const ALWAYS_FRENCH = new Set<EmailTemplateName>([
  'fundingReminder',
  'fundingEscalation',
  'fundingNotice',
  'fundingDecided',
  'selfBillingInvoiceToBilling',
  'supplierInvoiceOverdue',
  'supplierInvoiceReceived',
  'clientInvoiceable',
]);

describe('e-mail templates in both languages', () => {
  const templates = Object.keys(EMAIL_SAMPLES) as EmailTemplateName[];

  it.each(templates.filter((template) => !ALWAYS_FRENCH.has(template)))(
    'writes %s in English without a French date, number or separator',
    async (template) => {
      const { subject, text } = await render(template, 'en');
      for (const french of FRENCH_FORMATS)
        expect(`${subject}\n${text}`, `${template}: ${french}`).not.toMatch(french);
    },
  );

  it.each(templates)('renders %s in both languages without an undefined value', async (template) => {
    for (const language of ['fr', 'en'] as const) {
      const { subject, text } = await render(template, language);
      expect(`${subject}\n${text}`).not.toMatch(/undefined|NaN|\[object Object\]/);
    }
  });
});
