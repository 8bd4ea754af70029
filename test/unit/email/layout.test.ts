/**
 * Every template in both languages through the one layout (issue #15, item 9): the association's
 * name, the language, one button leading where the template says, its address in the plain-text
 * part, nothing people typed read as markup, and an e-mail Resend's contract accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmailContent, emailIdentity, layout } from '../../../activities/email/layout.ts';
import { resendSender } from '../../../activities/email/resend-sender.ts';
import { EMAIL_SAMPLES } from '../../../activities/email/samples.ts';
import { renderTemplate } from '../../../activities/email/templates/index.ts';
import type { EmailRequest, EmailTemplateName } from '../../../workflows/messages/email.ts';
import { SAMPLE_SETTINGS } from '../../support/organisation.ts';
import { type ResendContractServer, startResendContractServer } from '../../support/resend-server.ts';

const MARKUP = '<script>alert(1)</script>';
const TYPED = /(Name|Title)$|^(place|reason|programme|subject|body|managerNote)$/;
const settings = { ...SAMPLE_SETTINGS, email: { ...SAMPLE_SETTINGS.email, senderName: 'Collectif Océan' } };
const links = {
  coordinatorPage: 'https://console.example.org/missions/m?tab=sessions&view=all',
  action: 'https://missions.example.org/links/invitations/token-1',
};

/** The sample with markup in every name, title and other text a person typed. */
function hostile<T>(data: T): T {
  return Object.fromEntries(
    Object.entries(data as Record<string, unknown>).map(([key, value]) => [
      key,
      typeof value === 'string' && TYPED.test(key) ? `${value} ${MARKUP}` : value,
    ]),
  ) as T;
}

async function render(template: EmailTemplateName, language: 'fr' | 'en') {
  const request = {
    template,
    data: hostile(EMAIL_SAMPLES[template]),
    language,
    to: { email: 'someone@example.org', name: 'Someone' },
    idempotencyKey: `${template}-${language}`,
    missionId: 'm',
  } as EmailRequest;
  const content: EmailContent = renderTemplate(request, links, {
    settings,
    attached: new Set(['programme', 'internalRules', 'calendar']),
  });
  return { content, email: await layout(content, language, emailIdentity(settings, language)) };
}

const decoded = (href: string) => href.replace(/&amp;/g, '&');
const cases = (Object.keys(EMAIL_SAMPLES) as EmailTemplateName[]).flatMap((template) =>
  (['fr', 'en'] as const).map((language) => [template, language] as const),
);

describe('the e-mail layout', () => {
  it.each(cases)(
    '%s in %s: name, language, one button, its link in the text, no markup',
    async (template, language) => {
      const { content, email } = await render(template, language);
      expect(email.html).toMatch(new RegExp(`<html lang="${language}"`));
      expect(email.html).toContain('Collectif Océan');
      expect(email.html).toContain(settings.legalName);
      expect(email.text).toContain(`${settings.legalName}, ${settings.address}`);
      expect(email.html).not.toContain('<script');
      expect(email.html).toContain('&lt;script&gt;');

      const buttons = [...email.html.matchAll(/<a\s[^>]*href="([^"]*)"[^>]*>\s*([^<]*?)\s*<\/a>/g)].map(
        ([, href = '', label = '']) => ({ url: decoded(href), label: decoded(label) }),
      );
      if (content.action) {
        const label = content.action.label.replace(/'/g, '’');
        expect(buttons).toEqual([{ url: content.action.url, label }]);
        expect(email.text).toContain(content.action.url);
      } else expect(buttons).toEqual([]);
    },
  );

  it('sets the facts apart and writes them into the text part', async () => {
    const { email } = await render('registrationConfirmation', 'fr');
    expect(email.text).toContain(
      'Quand : Du mardi 12 janvier 2027 à 09:00 au mercredi 13 janvier 2027 à 17:00',
    );
    expect(email.text).toContain('Où : 12 rue de la République, 69002 Lyon');
    expect(email.html).toContain('<strong>Où</strong>');
    const { email: english } = await render('registrationConfirmation', 'en');
    expect(english.text).toContain(
      'When: From Tuesday, 12 January 2027 at 09:00 to Wednesday, 13 January 2027 at 17:00 (Paris time)',
    );
  });

  it("sets a coordinator's message apart as a quotation, in both parts", async () => {
    const { email } = await render('sessionMessage', 'fr');
    expect(email.text).toContain('> Nous serons en salle 4 <au 2e étage> & non en salle 2.\n>\n> À demain !');
    expect(email.html).toMatch(/border-left:4px solid #7b8794[\s\S]*<p>Bonjour à toutes et à tous,<\/p>/);
  });

  it('keeps French punctuation with its word and pairs English quotation marks in the HTML', async () => {
    const { email } = await render('facilitatorInvitation', 'fr');
    expect(email.html).toContain('Accepter ou refuser');
    expect(email.html).toMatch(/Invitation à animer\u00a0: /);
    expect(email.html.slice(email.html.indexOf('<body'))).not.toMatch(/ [:;?!»]/);
    const { email: english } = await render('managerApprovalEscalation', 'en');
    expect(english.html).toContain('for the session “Sobriété numérique : les fondamentaux');
    expect(english.text).toContain('for the session "Sobriété numérique : les fondamentaux');
  });

  it("shows the logo's absolute address in the header and the name beside it, not twice; no logo, no image", async () => {
    const content: EmailContent = { subject: 'Bienvenue', paragraphs: ['Bonjour.'] };
    const url = 'https://missions.example.org/organisation/logo/0b6f7d0e-3c1a-4d2b-9e8f-1a2b3c4d5e6f';
    const named = { ...settings, email: { ...settings.email, senderName: 'Océan & <Cie>' } };
    const { html } = await layout(content, 'fr', emailIdentity(named, 'fr', url));
    const images = [...html.matchAll(/<img\s[^>]*>/g)].map(([tag]) => tag);
    expect(images).toHaveLength(1);
    expect(images[0]).toContain(`src="${url}"`);
    // Where images are blocked the name beside it says who writes; the same words as alt text showed twice.
    expect(images[0]).toContain('alt=""');
    expect(html).toMatch(/<img\s[^>]*>\s*<\/td>\s*<td[^>]*>Océan &amp; &lt;Cie&gt;<\/td>/);

    const { html: plain } = await layout(content, 'fr', emailIdentity(named, 'fr'));
    expect(plain).not.toContain('<img');
    expect(plain).toContain('Océan &amp; &lt;Cie&gt;');
    expect(plain.split('Océan &amp; &lt;Cie&gt;')).toHaveLength(html.split('Océan &amp; &lt;Cie&gt;').length);
  });

  describe('through Resend', () => {
    let resend: ResendContractServer;
    beforeAll(async () => {
      resend = await startResendContractServer();
    });
    afterAll(async () => resend?.close());

    it('is accepted with its HTML and its text part', async () => {
      const sender = resendSender(resend.apiKey, resend.url);
      for (const [template, language] of cases) {
        const { email } = await render(template, language);
        const result = await sender.send(
          { from: 'Collectif Océan <missions@example.org>', to: 'someone@example.org', ...email },
          `${template}-${language}`,
        );
        expect(result.status, template).toBe('sent');
        const received = resend.received.at(-1);
        expect([received?.html, received?.text]).toEqual([email.html, email.text]);
      }
    });
  });
});
