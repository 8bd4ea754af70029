/**
 * An e-mail activity that reached Resend but crashed before logging is retried: the retry must
 * render the same body (same signed link) so Resend's idempotent replay accepts it, and the
 * person receives one e-mail. Runs the real activity in the SDK's activity environment.
 */

import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resendSender } from '../../activities/email/resend-sender.ts';
import { sendEmailActivity } from '../../activities/email/send-email.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { defaultCoordinatorPages } from '../../links/coordinator-pages.ts';
import type { EmailOutcome, EmailRequest } from '../../workflows/messages/email.ts';
import { testPool } from '../support/database.ts';
import { testPdfRendering } from '../support/pdf.ts';
import { type ResendContractServer, startResendContractServer } from '../support/resend-server.ts';
import { TEST_LINK_SECRETS } from '../support/worker-harness.ts';

describe('e-mail activity retried after Resend accepted it', () => {
  let pool: DatabasePool;
  let resend: ResendContractServer;
  beforeAll(async () => {
    pool = await testPool();
    resend = await startResendContractServer();
  });
  afterAll(async () => {
    await pool?.end();
    await resend?.close();
  });

  it('sends one e-mail with the same signed link when the log write is lost and the activity retries', async () => {
    const sendEmail = sendEmailActivity({
      pool,
      sender: resendSender(resend.apiKey, resend.url),
      from: 'Missions <missions@example.org>',
      staffEmail: 'staff@example.org',
      billingEmail: 'billing@example.org',
      publicBaseUrl: 'http://missions.test',
      coordinatorPages: defaultCoordinatorPages('http://missions.test'),
      linkSecrets: TEST_LINK_SECRETS,
      pdf: testPdfRendering(),
    });
    const missionId = randomUUID();
    const request: EmailRequest = {
      template: 'facilitatorInvitation',
      to: { email: 'anna@example.org', name: 'Anna Martin' },
      language: 'fr',
      idempotencyKey: `${randomUUID()}:facilitatorInvitation`,
      missionId,
      sessionId: randomUUID(),
      data: {
        missionId,
        missionTitle: 'Ateliers',
        clientName: 'Acme',
        coordinatorName: 'Alex',
        sessionTitle: 'Atelier 1',
        startsAt: '2027-03-01T08:00:00Z',
        endsAt: '2027-03-01T11:00:00Z',
        timeZone: 'Europe/Paris',
        place: 'Lyon',
        facilitatorName: 'Anna Martin',
        expiresAt: '2027-02-20T08:00:00Z',
      },
      link: {
        purpose: 'invitation',
        subjectId: randomUUID(),
        sessionId: randomUUID(),
        expiresAt: '2027-02-20T08:00:00Z',
      },
    };
    const env = new MockActivityEnvironment();
    await env.run(sendEmail, request);
    // The crash: Resend has the e-mail, our log does not.
    await pool.query(sql.unsafe`delete from email_log where idempotency_key = ${request.idempotencyKey}`);
    const retried = (await env.run(sendEmail, request)) as EmailOutcome;

    expect(retried.status).toBe('sent');
    expect(resend.received.filter((email) => email.idempotencyKey === request.idempotencyKey)).toHaveLength(
      1,
    );
  });
});
