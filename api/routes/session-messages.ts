import { randomUUID } from 'node:crypto';
import { sendSessionMessageUpdate } from '../../workflows/messages/session-message.ts';
import { checkSessionTakesMessages } from '../../workflows/rules/session-message.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { idFromKey } from '../missions/send-command.ts';
import { loadSessionForCommand, sendSessionUpdate } from '../missions/send-session-command.ts';
import { requireRole } from '../plugins/authentication.ts';
import { problemFromViolations } from '../problems.ts';
import { OptionalIdempotencyHeadersSchema } from '../schemas/mission.ts';
import { problemResponses } from '../schemas/problem.ts';
import { SessionMessageBodySchema, SessionMessageSentSchema } from '../schemas/session-message.ts';
import { StaffingParamsSchema } from '../schemas/staffing.ts';
import type { TypedApp } from '../typed-app.ts';

/** Seed 004's "messagerie": the coordinator writes to a session's people; each gets an e-mail. */
export function sessionMessageRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    app.post(
      '/missions/:missionId/sessions/:sessionId/messages',
      {
        schema: {
          tags: ['participants'],
          summary: "Write to a session's participants, its facilitators, or both (one e-mail each)",
          description:
            "Sent by the session's workflow, answered once the e-mails are sent: they are then in the session's e-mail log. Replies go to the coordinator. Refused when nobody is in the audience (NO_RECIPIENTS: participants registered, facilitators who accepted), or for a cancelled session (SESSION_CANCELLED), a closed mission (MISSION_CLOSED) or a session whose follow-up is over (SESSION_CLOSED).",
          params: StaffingParamsSchema,
          headers: OptionalIdempotencyHeadersSchema,
          body: SessionMessageBodySchema,
          response: {
            201: SessionMessageSentSchema,
            ...problemResponses(401, 403, 404, 409, 422, 503, 504),
          },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        const { session } = await loadSessionForCommand(deps, actor, missionId, sessionId);
        // A cancelled session's workflow has finished: the read model says why, not 'closed'.
        const cancelled = checkSessionTakesMessages(session.status);
        if (cancelled) throw problemFromViolations([cancelled]);
        const key = request.headers['idempotency-key'];
        const messageId = key ? idFromKey(sessionId, actor.subject, 'message', key) : randomUUID();
        const sent = await sendSessionUpdate(
          deps,
          sessionId,
          sendSessionMessageUpdate,
          {
            actor,
            messageId,
            audience: request.body.audience,
            subject: request.body.subject,
            body: request.body.body,
          },
          key && `message:${actor.subject}:${key}`,
        );
        return reply.code(201).send(sent as never);
      },
    );
  };
}
