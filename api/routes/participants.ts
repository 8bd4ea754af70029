import { Type } from 'typebox';
import { DOCX_CONTENT_TYPE } from '../../activities/documents/pack.ts';
import { findDocument } from '../../activities/documents/store.ts';
import { summariseSurveys } from '../../db/queries/answers.ts';
import { findEmailLogForSession } from '../../db/queries/email-log.ts';
import { listSessions } from '../../db/queries/missions.ts';
import { findSessionFollowUp } from '../../db/queries/session-staffing.ts';
import {
  recordAttendanceUpdate,
  registerParticipantsUpdate,
  removeParticipantUpdate,
  sheetVerdictUpdate,
  signedSheetUploadedUpdate,
} from '../../workflows/messages/session.ts';
import { checkSignedSheet } from '../../workflows/rules/attendance.ts';
import { normaliseEmail } from '../../workflows/rules/registration.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { sendDocument } from '../documents/send-document.ts';
import { presentFollowUp } from '../missions/present-follow-up.ts';
import { idFromKey } from '../missions/send-command.ts';
import { loadSessionForCommand, sendSessionUpdate } from '../missions/send-session-command.ts';
import { loadVisibleMission, loadVisibleSession } from '../missions/visibility.ts';
import { requireRole } from '../plugins/authentication.ts';
import { ProblemError, problemFromViolations } from '../problems.ts';
import { FacilitatorIdParamsSchema } from '../schemas/facilitator.ts';
import {
  AttendanceBodySchema,
  EmailLogSchema,
  NonCompliantBodySchema,
  ParticipantParamsSchema,
  RegisterBodySchema,
  SurveySummarySchema,
} from '../schemas/participants.ts';
import { problemResponses } from '../schemas/problem.ts';
import { StaffingParamsSchema } from '../schemas/staffing.ts';
import type { TypedApp } from '../typed-app.ts';
import { ACCEPTED_UPLOAD_TYPES } from '../uploads/sniff.ts';
import { storeAcceptedUpload } from '../uploads/store-accepted-upload.ts';

const FollowUpRef = Type.Ref('FollowUp');
const commandProblems = problemResponses(401, 403, 404, 409, 422, 503, 504);
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Participants, attendance and its proof, per session. Commands go to the session's workflow. */
export function participantRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    // Signed sheets arrive as the file itself; its content, not its declared type, decides.
    app.addContentTypeParser(
      ACCEPTED_UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
      (_request, body, done) => done(null, body),
    );

    async function followUp(missionId: string, sessionId: string) {
      const session = (await listSessions(deps.pool, missionId)).find(
        (candidate) => candidate.sessionId === sessionId,
      );
      if (!session)
        throw new ProblemError(404, 'SESSION_NOT_FOUND', `This mission has no session ${sessionId}.`);
      return presentFollowUp(session, await findSessionFollowUp(deps.pool, sessionId));
    }

    app.get(
      '/missions/:missionId/sessions/:sessionId/participants',
      {
        schema: {
          tags: ['participants'],
          summary: 'Participants, attendance status and certificates of a session',
          params: StaffingParamsSchema,
          response: { 200: FollowUpRef, ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        const mission = await loadVisibleMission(deps, actor, missionId);
        if (!mission.sessions.some((session) => session.sessionId === sessionId)) {
          throw new ProblemError(404, 'SESSION_NOT_FOUND', `This mission has no session ${sessionId}.`);
        }
        return (await followUp(missionId, sessionId)) as never;
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/participants',
      {
        schema: {
          tags: ['participants'],
          summary: 'Register participants (one or a list); the same e-mail twice is one registration',
          params: StaffingParamsSchema,
          body: RegisterBodySchema,
          response: { 200: FollowUpRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        await sendSessionUpdate(deps, sessionId, registerParticipantsUpdate, {
          actor,
          participants: request.body.participants.map((participant) => ({
            ...participant,
            participantId: idFromKey(sessionId, normaliseEmail(participant.email)),
          })),
        });
        return (await followUp(missionId, sessionId)) as never;
      },
    );

    app.delete(
      '/missions/:missionId/sessions/:sessionId/participants/:participantId',
      {
        schema: {
          tags: ['participants'],
          summary: 'Remove a participant, before the session starts',
          params: ParticipantParamsSchema,
          response: { 200: FollowUpRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId, participantId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        await sendSessionUpdate(deps, sessionId, removeParticipantUpdate, { actor, participantId });
        return (await followUp(missionId, sessionId)) as never;
      },
    );

    app.put(
      '/missions/:missionId/sessions/:sessionId/attendance',
      {
        schema: {
          tags: ['attendance'],
          summary: 'Record attendance per participant and half-day (from the start of the session)',
          description:
            'Present participants then receive their certificate and the satisfaction survey, once the session has ended.',
          params: StaffingParamsSchema,
          body: AttendanceBodySchema,
          response: { 200: FollowUpRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        await sendSessionUpdate(deps, sessionId, recordAttendanceUpdate, {
          actor,
          presence: request.body.presence,
        });
        return (await followUp(missionId, sessionId)) as never;
      },
    );

    app.get(
      '/missions/:missionId/sessions/:sessionId/attendance-sheet',
      {
        schema: {
          tags: ['attendance'],
          summary: 'Download the attendance sheet to print and sign (docx), as soon as participants exist',
          params: StaffingParamsSchema,
          response: {
            200: {
              description: 'The attendance sheet, Word format',
              content: { [DOCX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } },
            },
            ...problemResponses(401, 403, 404, 422),
          },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        await loadVisibleSession(deps, actor, missionId, sessionId);
        const record = await findSessionFollowUp(deps.pool, sessionId);
        const document = record?.attendanceSheetDocumentId
          ? await findDocument(deps.pool, record.attendanceSheetDocumentId)
          : null;
        if (!document)
          throw new ProblemError(
            404,
            'ATTENDANCE_SHEET_NOT_READY',
            'The sheet is generated once participants are registered.',
          );
        return sendDocument(reply, document) as never;
      },
    );

    app.put(
      '/missions/:missionId/sessions/:sessionId/attendance-sheet/signed',
      {
        schema: {
          tags: ['attendance'],
          summary: 'Upload the signed attendance sheet (PDF, PNG or JPEG, 10 MB at most)',
          params: StaffingParamsSchema,
          response: { 200: FollowUpRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        const bytes = request.body;
        const refusal = 'Send the signed sheet as a PDF, PNG or JPEG file.';
        if (!Buffer.isBuffer(bytes)) throw new ProblemError(415, 'UNSUPPORTED_UPLOAD', refusal);
        // Refused before anything is stored when the read model already tells (the workflow decides in the end).
        const attendance = (await findSessionFollowUp(deps.pool, sessionId))?.attendance?.status ?? 'pending';
        const early = checkSignedSheet(attendance);
        if (early) throw problemFromViolations([early]);
        await storeAcceptedUpload(
          deps.pool,
          { missionId, sessionId, participantId: null, kind: 'signedAttendanceSheet' },
          { bytes, filename: (extension) => `feuille-emargement-signee.${extension}`, refusal },
          (documentId) =>
            sendSessionUpdate(deps, sessionId, signedSheetUploadedUpdate, { actor, documentId }),
        );
        return (await followUp(missionId, sessionId)) as never;
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/attendance-sheet/confirm',
      {
        schema: {
          tags: ['attendance'],
          summary:
            'Confirm the uploaded signed sheet is complete: attendance becomes compliant (staff only: the coordinator who uploaded it cannot vouch for it)',
          params: StaffingParamsSchema,
          response: { 200: FollowUpRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const { missionId, sessionId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        await sendSessionUpdate(deps, sessionId, sheetVerdictUpdate, { actor, compliant: true });
        return (await followUp(missionId, sessionId)) as never;
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/attendance-sheet/non-compliant',
      {
        schema: {
          tags: ['attendance'],
          summary: 'Mark the attendance sheet non-compliant, with the reason (staff only)',
          params: StaffingParamsSchema,
          body: NonCompliantBodySchema,
          response: { 200: FollowUpRef, ...commandProblems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const { missionId, sessionId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        await sendSessionUpdate(deps, sessionId, sheetVerdictUpdate, {
          actor,
          compliant: false,
          reason: request.body.reason,
        });
        return (await followUp(missionId, sessionId)) as never;
      },
    );

    app.get(
      '/missions/:missionId/sessions/:sessionId/emails',
      {
        schema: {
          tags: ['participants'],
          summary: 'Every e-mail sent for the session: recipient, template, time, delivery status',
          params: StaffingParamsSchema,
          response: { 200: EmailLogSchema, ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        await loadVisibleSession(deps, actor, missionId, sessionId);
        return (await findEmailLogForSession(deps.pool, sessionId)) as never;
      },
    );

    app.get(
      '/missions/:missionId/sessions/:sessionId/surveys/summary',
      {
        schema: {
          tags: ['participants'],
          summary: 'Satisfaction survey answers of a session: count and average rating, hot and cold',
          params: StaffingParamsSchema,
          response: { 200: SurveySummarySchema, ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        await loadVisibleSession(deps, actor, request.params.missionId, request.params.sessionId);
        return summariseSurveys(deps.pool, { sessionId: request.params.sessionId });
      },
    );

    app.get(
      '/coordinators/:coordinatorId/surveys/summary',
      {
        schema: {
          tags: ['participants'],
          summary: "Satisfaction across a coordinator's sessions (the coordinator themself, or staff)",
          params: Type.Object({ coordinatorId: Type.String({ minLength: 1, maxLength: 100 }) }),
          response: { 200: SurveySummarySchema, ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        if (actor.role === 'coordinator' && actor.subject !== request.params.coordinatorId) {
          throw new ProblemError(403, 'FORBIDDEN', 'A coordinator reads their own survey results only.');
        }
        return summariseSurveys(deps.pool, { coordinatorId: request.params.coordinatorId });
      },
    );

    app.get(
      '/facilitators/:facilitatorId/surveys/summary',
      {
        schema: {
          tags: ['participants'],
          summary:
            'Satisfaction across the sessions a facilitator took part in (the facilitator themself, or staff)',
          description:
            'Sessions where their invitation was accepted and not withdrawn; counted as for a coordinator or a session.',
          params: FacilitatorIdParamsSchema,
          response: { 200: SurveySummarySchema, ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'facilitator');
        if (actor.role === 'facilitator' && actor.subject !== request.params.facilitatorId) {
          throw new ProblemError(403, 'FORBIDDEN', 'A facilitator reads their own survey results only.');
        }
        return summariseSurveys(deps.pool, { facilitatorId: request.params.facilitatorId });
      },
    );
  };
}
