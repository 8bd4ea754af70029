import type { FastifyReply } from 'fastify';
import { auditBundle, PdfUnavailableError, preparePdfs } from '../../reporting/audit/bundle.ts';
import { readExtracts } from '../../reporting/audit/extracts.ts';
import { auditReport, readMissionAudit } from '../../reporting/audit/read-audit.ts';
import { releaseAuditHoldUpdate } from '../../workflows/messages/session.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { loadSessionForCommand, sendSessionUpdate } from '../missions/send-session-command.ts';
import { loadVisibleMission, loadVisibleSession } from '../missions/visibility.ts';
import { requireRole } from '../plugins/authentication.ts';
import { ProblemError } from '../problems.ts';
import { AuditMissionParamsSchema, AuditReportSchema, ReleaseAuditHoldBodySchema } from '../schemas/audit.ts';
import { problemResponses } from '../schemas/problem.ts';
import { StaffingParamsSchema } from '../schemas/staffing.ts';
import type { TypedApp } from '../typed-app.ts';

const ZIP_RESPONSE = {
  description:
    'The audit bundle: sealed PDFs, uploads as uploaded, CSV/JSON extracts, rapport-coherence.json, index.html and manifest.json (SHA-256 and size of every other file)',
  content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
};

const BUNDLE_DESCRIPTION =
  'Built on demand and streamed. Documents that exist only as docx are converted and sealed first (a failure answers 503 PDF_UNAVAILABLE before any byte is sent). The manifest gives each file its SHA-256, size, document id and version, and the organisation settings and catalogue versions it was built from.';

/**
 * Staff's audit of a mission or one session (issue #19): the consistency report alone, or the
 * whole file as one ZIP, for an OPCO's check or a Qualiopi auditor.
 */
export function auditRoutes(deps: ApiDependencies) {
  async function read(missionId: string, sessionId: string | null) {
    const audit = await readMissionAudit(deps.pool, { missionId, ...(sessionId ? { sessionId } : {}) });
    // Visibility was checked just before: the read model lost the mission in between.
    if (!audit) throw new ProblemError(404, 'MISSION_NOT_FOUND', `No mission ${missionId}.`);
    return audit;
  }

  async function sendBundle(reply: FastifyReply, missionId: string, sessionId: string | null) {
    const audit = await read(missionId, sessionId);
    try {
      await preparePdfs(deps.pool, audit, deps.pdf);
    } catch (error) {
      if (error instanceof PdfUnavailableError)
        throw new ProblemError(503, 'PDF_UNAVAILABLE', `${error.message}. Try again in a moment.`);
      throw error;
    }
    const extracts = await readExtracts(deps.pool, missionId, sessionId);
    const generatedAt = deps.now?.() ?? new Date();
    const name = `dossier-audit-${sessionId ? `session-${sessionId.slice(0, 8)}` : `mission-${missionId.slice(0, 8)}`}.zip`;
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(auditBundle(deps.pool, audit, extracts, { sessionId, generatedAt }));
  }

  return async (app: TypedApp) => {
    app.get(
      '/missions/:missionId/audit-report',
      {
        schema: {
          tags: ['staff'],
          operationId: 'getMissionAuditReport',
          summary:
            "The mission's consistency report: hours, titles, dates and required pieces per session (staff only)",
          params: AuditMissionParamsSchema,
          response: { 200: AuditReportSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        await loadVisibleMission(deps, actor, request.params.missionId);
        return auditReport(await read(request.params.missionId, null), null);
      },
    );

    app.get(
      '/missions/:missionId/sessions/:sessionId/audit-report',
      {
        schema: {
          tags: ['staff'],
          operationId: 'getSessionAuditReport',
          summary: "One session's consistency report (staff only)",
          params: StaffingParamsSchema,
          response: { 200: AuditReportSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const { missionId, sessionId } = request.params;
        await loadVisibleSession(deps, actor, missionId, sessionId);
        return auditReport(await read(missionId, sessionId), sessionId);
      },
    );

    app.post(
      '/missions/:missionId/sessions/:sessionId/audit-hold/release',
      {
        schema: {
          tags: ['staff'],
          operationId: 'releaseSessionAuditHold',
          summary:
            'Let certificates and payouts the consistency check held back go out, with the reason (staff only)',
          description:
            'Before a session’s certificates go out its documents are checked; on a mismatch staff are e-mailed and the certificates and the session’s payouts wait (409 NO_AUDIT_HOLD when nothing waits). Answers with the session’s consistency report as it stands.',
          params: StaffingParamsSchema,
          body: ReleaseAuditHoldBodySchema,
          response: { 200: AuditReportSchema, ...problemResponses(401, 403, 404, 409, 422, 503, 504) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const { missionId, sessionId } = request.params;
        await loadSessionForCommand(deps, actor, missionId, sessionId);
        await sendSessionUpdate(deps, sessionId, releaseAuditHoldUpdate, {
          actor,
          reason: request.body.reason,
        });
        return auditReport(await read(missionId, sessionId), sessionId);
      },
    );

    app.get(
      '/missions/:missionId/audit-bundle.zip',
      {
        schema: {
          tags: ['staff'],
          operationId: 'getMissionAuditBundle',
          summary: "The mission's audit bundle, one ZIP for every session (staff only)",
          description: BUNDLE_DESCRIPTION,
          params: AuditMissionParamsSchema,
          response: { 200: ZIP_RESPONSE, ...problemResponses(401, 403, 404, 503) },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff');
        await loadVisibleMission(deps, actor, request.params.missionId);
        return sendBundle(reply, request.params.missionId, null) as never;
      },
    );

    app.get(
      '/missions/:missionId/sessions/:sessionId/audit-bundle.zip',
      {
        schema: {
          tags: ['staff'],
          operationId: 'getSessionAuditBundle',
          summary: "One session's audit bundle as a ZIP (staff only)",
          description: BUNDLE_DESCRIPTION,
          params: StaffingParamsSchema,
          response: { 200: ZIP_RESPONSE, ...problemResponses(401, 403, 404, 503) },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff');
        const { missionId, sessionId } = request.params;
        await loadVisibleSession(deps, actor, missionId, sessionId);
        return sendBundle(reply, missionId, sessionId) as never;
      },
    );
  };
}
