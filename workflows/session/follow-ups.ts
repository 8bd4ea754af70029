import { msOf } from '../rules/durations.ts';
import { dueFollowUps } from '../rules/follow-up.ts';
import { assessmentEmail, attestationEmail } from './assessment-emails.ts';
import { certificateData, endOfTrainingAttestationData } from './documents.ts';
import {
  attendanceEscalationEmail,
  attendanceReminderEmails,
  certificateEmail,
  convocationEmail,
  surveyEmail,
} from './follow-up-emails.ts';
import type { LiveSession } from './live-session.ts';
import { buildDocument, sessionActivities } from './session-activities.ts';
import { countersignatureReminderEmails } from './signing-emails.ts';

const { sendEmail } = sessionActivities;

/**
 * What follows a session for its participants, step by step as each falls due: convocations,
 * attendance reminders, certificates, surveys, the end-of-training assessment and attestation.
 * Each step's documents are built and its e-mail sent before the state records it, so a step
 * whose document cannot be built is recorded as failed rather than retried in a loop.
 */
export async function takeFollowUps(live: LiveSession, at: Date): Promise<void> {
  const { state, mission, policy } = live;
  const surveyLinkExpiry = new Date(at.getTime() + msOf(policy.surveyLinkValidity)).toISOString();
  for (const due of dueFollowUps(state.view(), policy, at, live.followUpOptions())) {
    const view = state.view();
    const participant =
      'participantId' in due
        ? view.participants.find((p) => p.participantId === due.participantId)
        : undefined;
    switch (due.step) {
      case 'convocation':
        if (participant)
          await sendEmail(
            convocationEmail(mission, view, participant, {
              digitalSigning: live.features.sendsSigningLink,
            }),
          );
        state.convocationSent(due.participantId, at);
        break;
      case 'attendanceReminder': {
        // Participants signed: what is missing is the facilitator's countersignature.
        const emails =
          view.attendance.signing.signatures.length > 0
            ? countersignatureReminderEmails(mission, view, policy)
            : attendanceReminderEmails(mission, view);
        for (const email of emails) await sendEmail(email);
        state.attendanceFollowUp('reminder', at);
        break;
      }
      case 'attendanceEscalation':
        await sendEmail(attendanceEscalationEmail(mission, view));
        state.attendanceFollowUp('escalation', at);
        break;
      case 'certificate': {
        if (!participant) break;
        const stored = await buildDocument(
          { kind: 'certificate', data: certificateData(mission, view, participant, due.hours, at) },
          view.sessionId,
        );
        if (!stored) {
          // Recorded without a document so it is not retried in a loop; staff see it on the session.
          state.certificateFailed(due.participantId, due.hours, at);
          break;
        }
        await sendEmail(
          certificateEmail(mission, view, participant, due.hours, stored.documentId, surveyLinkExpiry),
        );
        state.certificateIssued(due.participantId, due.hours, stored.documentId, at);
        state.surveySent(due.participantId, 'hot', at);
        break;
      }
      case 'coldSurvey':
        if (participant)
          await sendEmail(
            surveyEmail(mission, view, participant, 'cold', 'surveyInvitation', surveyLinkExpiry),
          );
        state.surveySent(due.participantId, 'cold', at);
        break;
      case 'surveyReminder':
        if (participant)
          await sendEmail(
            surveyEmail(mission, view, participant, due.kind, 'surveyReminder', surveyLinkExpiry),
          );
        state.surveyReminderSent(due.participantId, due.kind, at);
        break;
      case 'assessment': {
        const answerBy = new Date(at.getTime() + msOf(policy.assessmentAnswerWithin));
        if (participant) await sendEmail(assessmentEmail(mission, view, participant, answerBy));
        state.assessmentSent(due.participantId, answerBy, at);
        break;
      }
      case 'attestation': {
        const assessment = view.assessments?.find((each) => each.participantId === due.participantId);
        const stored =
          participant && assessment
            ? await buildDocument(
                {
                  kind: 'endOfTrainingAttestation',
                  data: endOfTrainingAttestationData(
                    mission,
                    view,
                    participant,
                    due.hours,
                    assessment.answerBy,
                    at,
                  ),
                },
                view.sessionId,
              )
            : null;
        if (participant && assessment && stored)
          await sendEmail(
            attestationEmail(
              mission,
              view,
              participant,
              due.hours,
              assessment.answeredAt !== null,
              stored.documentId,
            ),
          );
        // Recorded without a document when it could not be built, so it is not retried in a loop.
        state.attestationIssued(due.participantId, stored?.documentId ?? null, at);
        break;
      }
    }
  }
}
