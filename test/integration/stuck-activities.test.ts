/**
 * A failing activity is listed for staff from its third attempt and removed once it succeeds.
 * The activity is the real e-mail activity against the Resend contract server and Postgres; its
 * context (attempt number) comes from @temporalio/testing's MockActivityEnvironment, since only
 * a retry schedule would otherwise reach attempt 3.
 */

import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resendSender } from '../../activities/email/resend-sender.ts';
import { sendEmailActivity } from '../../activities/email/send-email.ts';
import type { DatabasePool } from '../../db/pool.ts';
import { listStuckActivities } from '../../db/queries/stuck-activities.ts';
import { defaultCoordinatorPages } from '../../links/coordinator-pages.ts';
import { stuckActivityRecorder } from '../../worker/stuck-activities.ts';
import type { EmailRequest } from '../../workflows/messages/email.ts';
import { testPool } from '../support/database.ts';
import { testPdfRendering } from '../support/pdf.ts';
import { type ResendContractServer, startResendContractServer } from '../support/resend-server.ts';

describe('stuck activities (mock activity context, real activity and Postgres)', () => {
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

  it('lists an activity failing from its third attempt and clears it when it succeeds', async () => {
    const missionId = randomUUID();
    const workflowId = `mission-${missionId}`;
    const sendEmail = sendEmailActivity({
      pool,
      sender: resendSender(resend.apiKey, resend.url),
      from: 'Missions <missions@example.org>',
      staffEmail: 'staff@example.org',
      billingEmail: 'billing@example.org',
      publicBaseUrl: 'http://missions.test',
      coordinatorPages: defaultCoordinatorPages('http://missions.test'),
      linkSecrets: ['secret'],
      pdf: testPdfRendering(),
    });
    const request: EmailRequest = {
      template: 'missionAssigned',
      to: { email: 'alex@example.org', name: 'Alex' },
      language: 'fr',
      idempotencyKey: `${missionId}:mission-assigned`,
      missionId,
      data: { missionId, missionTitle: 'T', clientName: 'C', coordinatorName: 'Alex', endDate: '2027-06-30' },
    };
    const attempt = (number: number) =>
      new MockActivityEnvironment(
        {
          attempt: number,
          activityId: '7',
          activityType: 'sendEmail',
          workflowExecution: { workflowId, runId: 'r' },
        },
        { interceptors: [stuckActivityRecorder(pool)] },
      ).run(sendEmail, request);
    const ours = async () =>
      (await listStuckActivities(pool, 500)).filter((row) => row.workflowId === workflowId);

    resend.failNext(2);
    await expect(attempt(2)).rejects.toThrow();
    expect(await ours()).toEqual([]);
    await expect(attempt(3)).rejects.toThrow();
    expect(await ours()).toEqual([
      expect.objectContaining({ activityType: 'sendEmail', attempt: 3, missionId, activityId: '7' }),
    ]);
    await attempt(4);
    expect(await ours()).toEqual([]);
  });
});
