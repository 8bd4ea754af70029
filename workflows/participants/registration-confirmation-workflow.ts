import { proxyActivities } from '@temporalio/workflow';
import type { MissionActivities } from '../../activities/index.ts';
import { DURABLE_ACTIVITY } from '../activity-options.ts';
import type { RegistrationConfirmationInput } from '../messages/registration.ts';

const { sendEmail } = proxyActivities<MissionActivities>(DURABLE_ACTIVITY);

/** Sends the confirmation e-mail of one registration request, durably: retried until sent once. */
export async function registrationConfirmationWorkflow(input: RegistrationConfirmationInput): Promise<void> {
  await sendEmail({
    template: 'registrationConfirmation',
    // No name: the names were typed by whoever held the link, and must not reach the address unconfirmed.
    to: { email: input.email, name: '' },
    language: input.language,
    idempotencyKey: `${input.requestId}:registration-confirmation`,
    missionId: input.session.missionId,
    sessionId: input.sessionId,
    data: input.session,
    link: {
      purpose: 'registrationConfirmation',
      subjectId: input.requestId,
      sessionId: input.sessionId,
      expiresAt: input.session.startsAt,
    },
  });
}
