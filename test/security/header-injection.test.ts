/**
 * Finding 6 of issue #14: CR/LF, `<`, `>` and `,` in names and titles reached Resend's `to` and
 * `subject` as typed (a `Bcc:` line was forged in the outbox), a coordinator named `M <b>` never
 * got their e-mail, and the outbox's `.html` header comment ran a script when opened.
 */

import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailbox, oneLine } from '../../activities/email/headers.ts';
import { emailIdentity, layout } from '../../activities/email/layout.ts';
import { outboxSender } from '../../activities/email/outbox-sender.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { SAMPLE_SETTINGS } from '../support/organisation.ts';

describe('e-mail headers', () => {
  it('quotes and escapes a display name holding address characters', () => {
    expect(mailbox('M <b>', 'm@example.org')).toBe('"M <b>" <m@example.org>');
    expect(mailbox('Dupont, Jean', 'j@example.org')).toBe('"Dupont, Jean" <j@example.org>');
    expect(mailbox('Henry "The Fonz" W\\', 'h@example.org')).toBe(
      '"Henry \\"The Fonz\\" W\\\\" <h@example.org>',
    );
    expect(mailbox('Camille Martin', 'c@example.org')).toBe('Camille Martin <c@example.org>');
    expect(mailbox('', 'c@example.org')).toBe('c@example.org');
  });

  it('never lets a line break through into a recipient or a subject', async () => {
    const to = mailbox('Jean\r\nBcc: victim@example.org', 'j@example.org');
    expect(to).not.toMatch(/[\r\n]/);
    expect(to).toBe('"Jean Bcc: victim@example.org" <j@example.org>');
    expect(oneLine('Atelier\r\nBcc: x@example.org\u0000')).toBe('Atelier Bcc: x@example.org');
    const rendered = await layout(
      { subject: 'Invitation\r\nBcc: x@example.org', paragraphs: ['Bonjour'] },
      'fr',
      emailIdentity(SAMPLE_SETTINGS, 'fr'),
    );
    expect(rendered.subject).toBe('Invitation Bcc: x@example.org');
  });

  it("escapes the outbox file's header comment", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'outbox-'));
    try {
      await outboxSender(dir).send(
        {
          from: 'Missions <missions@example.org>',
          to: 'a@example.org',
          subject: '--><script>alert(1)</script><!--',
          text: 'x',
          html: '<p>x</p>',
        },
        'outbox-escape',
      );
      const html = await readFile(path.join(dir, 'outbox-escape.html'), 'utf8');
      const comment = html.slice(0, html.indexOf('-->\n') + 4);
      expect(comment).not.toContain('<script>');
      expect(comment.match(/-->/g)).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('one-line fields at the API', () => {
  let api: RunningApi;
  let token: string;

  beforeAll(async () => {
    api = await startApi();
    token = await api.token({ subject: 'staff-1', role: 'staff' });
  });
  afterAll(async () => api?.stop());

  const createMission = (overrides: { title?: string; coordinatorName?: string; clientName?: string }) =>
    fetch(`${api.baseUrl}/missions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        title: overrides.title ?? 'Ateliers climat',
        client: { name: overrides.clientName ?? `Client ${randomUUID().slice(0, 8)}` },
        sector: 'company',
        dealType: 'subcontracting',
        coordinator: {
          id: 'coord-1',
          name: overrides.coordinatorName ?? 'Camille Martin',
          email: 'camille@example.org',
        },
        endDate: '2030-12-31',
        orderLines: [{ kind: 'workshop', quantity: 1, participantsPerSession: 12, unitPriceCents: 90_000 }],
      }),
    });

  it.each([
    ['a name with CR/LF', { coordinatorName: 'Camille\r\nBcc: victim@example.org' }],
    ['a title with a line feed', { title: 'Ateliers\nBcc: victim@example.org' }],
    ['a client name with a tab', { clientName: 'Acme\tSA' }],
  ])('refuses %s with 422', async (_case, overrides) => {
    const response = await createMission(overrides);
    expect([response.status, ((await response.json()) as { code: string }).code]).toEqual([
      422,
      'VALIDATION_FAILED',
    ]);
  });

  it('delivers the e-mail of a coordinator whose name holds address characters, quoted', async () => {
    const response = await createMission({ coordinatorName: 'Martin, Camille <chef>' });
    expect(response.status).toBe(201);
    await expect
      .poll(() => api.worker.resend.received.flatMap((email) => email.to))
      .toContain('"Martin, Camille <chef>" <camille@example.org>');
  });
});
