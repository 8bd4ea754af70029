import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import {
  createRegistrationLink,
  listRegistrationLinks,
  type RegistrationLinkRecord,
  revokeRegistrationLink,
} from '../../db/queries/registration-links.ts';
import { LINK_PATHS } from '../../links/link-paths.ts';
import { signLink } from '../../links/link-tokens.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { loadSessionForCommand } from '../missions/send-session-command.ts';
import { loadVisibleSession } from '../missions/visibility.ts';
import { emptyBodyAsObject } from '../optional-body.ts';
import { requireRole } from '../plugins/authentication.ts';
import { ProblemError } from '../problems.ts';
import { problemResponses } from '../schemas/problem.ts';
import { StaffingParamsSchema } from '../schemas/staffing.ts';
import type { TypedApp } from '../typed-app.ts';

const RegistrationLinkSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.Union([Type.String(), Type.Null()], {
    description:
      'Forward it to the participants (null once listed: the link is shown once, when created). Each person who opens it registers with their name and e-mail, then confirms from their inbox.',
  }),
  cap: Type.Integer({ description: 'How many people may ask to register through it' }),
  requests: Type.Integer({ description: 'How many asked so far (confirmed or not)' }),
  confirmed: Type.Integer(),
  expiresAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const CreateBodySchema = Type.Object(
  {
    cap: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 500,
        description: "How many people may register through the link; the session's capacity by default",
      }),
    ),
  },
  { additionalProperties: false, description: 'Optional: the request may have no body.' },
);

const LinkParamsSchema = Type.Object({
  missionId: Type.String({ format: 'uuid' }),
  sessionId: Type.String({ format: 'uuid' }),
  linkId: Type.String({ format: 'uuid' }),
});

const problems = problemResponses(401, 403, 404, 409, 422, 503, 504);

const present = (link: RegistrationLinkRecord, url: string | null) => ({
  id: link.linkId,
  url,
  cap: link.cap,
  requests: link.requests,
  confirmed: link.confirmed,
  expiresAt: link.expiresAt,
  revokedAt: link.revokedAt,
});

/**
 * Registration links the coordinator hands to the client's contact: each capped, listed with what
 * came through it, and revocable, so a forwarded link cannot fill a session or outlive its use.
 */
export function registrationLinkRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    app.post(
      '/missions/:missionId/sessions/:sessionId/registration-links',
      {
        schema: {
          tags: ['participants'],
          summary: "A registration link for the client's contact to forward to participants",
          params: StaffingParamsSchema,
          body: CreateBodySchema,
          response: { 201: RegistrationLinkSchema, ...problems },
        },
        preValidation: emptyBodyAsObject,
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        const { session } = await loadSessionForCommand(deps, actor, missionId, sessionId);
        const linkId = randomUUID();
        await createRegistrationLink(deps.pool, {
          linkId,
          sessionId,
          missionId,
          createdBy: { role: actor.role as 'staff' | 'coordinator', subject: actor.subject },
          cap: request.body.cap ?? session.capacity,
          expiresAt: session.startsAt,
        });
        // The token's id is the link's: registrations through it are counted and refused once it is revoked.
        const token = await signLink(deps.linkSecrets, {
          purpose: 'participantRegistration',
          subjectId: JSON.stringify([actor.role, actor.subject]),
          sessionId,
          expiresAt: session.startsAt,
          tokenId: linkId,
        });
        const created = (await listRegistrationLinks(deps.pool, sessionId)).find(
          (link) => link.linkId === linkId,
        );
        if (!created) throw new Error(`registration link ${linkId} not found after creation`);
        return reply
          .code(201)
          .send(
            present(created, `${deps.publicBaseUrl}/links/${LINK_PATHS.participantRegistration}/${token}`),
          );
      },
    );

    app.get(
      '/missions/:missionId/sessions/:sessionId/registration-links',
      {
        schema: {
          tags: ['participants'],
          summary: "A session's registration links, with how many people came through each",
          params: StaffingParamsSchema,
          response: { 200: Type.Array(RegistrationLinkSchema), ...problems },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId } = request.params;
        await loadVisibleSession(deps, actor, missionId, sessionId);
        return (await listRegistrationLinks(deps.pool, sessionId)).map((link) => present(link, null));
      },
    );

    app.delete(
      '/missions/:missionId/sessions/:sessionId/registration-links/:linkId',
      {
        schema: {
          tags: ['participants'],
          summary: 'Withdraw a registration link: nobody can register through it any more',
          description: 'People who already registered through it stay registered.',
          params: LinkParamsSchema,
          response: { 204: Type.Null(), ...problems },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'staff', 'coordinator');
        const { missionId, sessionId, linkId } = request.params;
        await loadVisibleSession(deps, actor, missionId, sessionId);
        if (!(await revokeRegistrationLink(deps.pool, sessionId, linkId)))
          throw new ProblemError(
            404,
            'REGISTRATION_LINK_NOT_FOUND',
            'This session has no such registration link.',
          );
        return reply.code(204).send(null);
      },
    );
  };
}
