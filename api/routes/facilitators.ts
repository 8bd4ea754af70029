import { Type } from 'typebox';
import {
  type DuplicateField,
  type FacilitatorRecord,
  findFacilitator,
  insertFacilitator,
  listFacilitators,
  updateFacilitator,
} from '../../db/queries/facilitators.ts';
import { businessDate } from '../../workflows/rules/calendar.ts';
import { checkCompliance, checkComplianceDates } from '../../workflows/rules/compliance.ts';
import { decodeCursor as decodeParts, encodeCursor as encodeParts, isShortText } from '../cursors.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { requireRole } from '../plugins/authentication.ts';
import { notFound, ProblemError, problemFromViolations } from '../problems.ts';
import {
  CreateFacilitatorBodySchema,
  FacilitatorIdParamsSchema,
  FacilitatorListQuerySchema,
  FacilitatorPageSchema,
  UpdateFacilitatorBodySchema,
} from '../schemas/facilitator.ts';
import { problemResponses } from '../schemas/problem.ts';
import type { TypedApp } from '../typed-app.ts';

const FacilitatorRef = Type.Ref('Facilitator');

/** "Today" for compliance is the association's calendar day, wherever the server runs. */
const today = (): string => businessDate(new Date());

/** The record as the API shows it, with whether it passes the compliance rule today. */
function presentFacilitator(record: FacilitatorRecord, onDate: string) {
  const { facilitatorId, ...fields } = record;
  const violation = checkCompliance(record, onDate);
  return {
    id: facilitatorId,
    ...fields,
    compliance: { compliant: violation === null, reason: violation?.message ?? null },
  };
}

interface FacilitatorCursor {
  lastName: string;
  firstName: string;
  facilitatorId: string;
}

/** Opaque to clients: the sort key of the last row, after which the next page starts. */
function encodeCursor(cursor: FacilitatorCursor): string {
  return encodeParts([cursor.lastName, cursor.firstName, cursor.facilitatorId]);
}

function decodeCursor(value: string): FacilitatorCursor {
  const [lastName = '', firstName = '', facilitatorId = ''] = decodeParts(value, [
    isShortText,
    isShortText,
    isShortText,
  ]);
  return { lastName, firstName, facilitatorId };
}

function alreadyExists(field: DuplicateField, id: string, email: string | undefined): ProblemError {
  const detail =
    field === 'id'
      ? `A facilitator with id ${id} is already in the directory.`
      : `Another facilitator already has the e-mail ${email?.toLowerCase()}.`;
  return new ProblemError(409, 'FACILITATOR_ALREADY_EXISTS', detail, { field });
}

export function facilitatorRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    app.post(
      '/facilitators',
      {
        schema: {
          tags: ['facilitators'],
          summary: 'Add a facilitator to the directory (staff only)',
          description:
            "The id is the person's id in the association's directory. A second facilitator with the same id or e-mail (whatever its case) is refused with FACILITATOR_ALREADY_EXISTS.",
          body: CreateFacilitatorBodySchema,
          response: { 201: FacilitatorRef, ...problemResponses(401, 403, 409, 422) },
        },
      },
      async (request, reply) => {
        requireRole(request, 'staff');
        const { id, ...body } = request.body;
        const fields = {
          ...body,
          trainingProviderNumber: body.trainingProviderNumber ?? null,
          complianceCheckedOn: body.complianceCheckedOn ?? null,
          compliantUntil: body.compliantUntil ?? null,
          employer: body.employer ?? null,
          managerEmail: body.managerEmail ?? null,
        };
        const onDate = today();
        const dates = checkComplianceDates(fields, onDate);
        if (dates) throw problemFromViolations([dates]);
        const result = await insertFacilitator(deps.pool, { facilitatorId: id, ...fields });
        if (result.outcome === 'duplicate') throw alreadyExists(result.field, id, body.email);
        return reply
          .code(201)
          .header('location', `/facilitators/${encodeURIComponent(id)}`)
          .send(presentFacilitator(result.facilitator, onDate));
      },
    );

    app.get(
      '/facilitators',
      {
        schema: {
          tags: ['facilitators'],
          summary: 'List the directory, alphabetically (staff and coordinators)',
          description:
            '`q` matches part of the name or e-mail, whatever the case; `compliant` keeps those who are (or are not) compliant today. Pages follow `nextCursor`. Coordinators read it to invite facilitators (seed 000: they enter a facilitator’s e-mail); billing details are a separate, staff-only route.',
          querystring: FacilitatorListQuerySchema,
          response: { 200: FacilitatorPageSchema, ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => {
        requireRole(request, 'staff', 'coordinator');
        const { q, compliant, cursor } = request.query;
        const limit = request.query.limit ?? 20;
        const onDate = today();
        const rows = await listFacilitators(deps.pool, {
          q,
          compliant,
          today: onDate,
          after: cursor === undefined ? undefined : decodeCursor(cursor),
          limit: limit + 1,
        });
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map((record) => presentFacilitator(record, onDate)),
          nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
        };
      },
    );

    app.get(
      '/facilitators/:facilitatorId',
      {
        schema: {
          tags: ['facilitators'],
          summary: 'Read a facilitator and whether they are compliant today',
          description:
            'Staff and coordinators read any facilitator (coordinators to invite them); a facilitator reads only their own record.',
          params: FacilitatorIdParamsSchema,
          response: { 200: FacilitatorRef, ...problemResponses(401, 403, 404, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff', 'coordinator', 'facilitator');
        const { facilitatorId } = request.params;
        // Another facilitator's record is answered exactly like a missing one: ids do not leak.
        const record =
          actor.role !== 'facilitator' || actor.subject === facilitatorId
            ? await findFacilitator(deps.pool, facilitatorId)
            : null;
        if (!record) throw notFound('facilitator', facilitatorId, 'FACILITATOR_NOT_FOUND');
        return presentFacilitator(record, today());
      },
    );

    app.patch(
      '/facilitators/:facilitatorId',
      {
        schema: {
          tags: ['facilitators'],
          summary: 'Change a facilitator, e.g. record a compliance check (staff only)',
          description:
            'Only the fields sent change; null clears an optional one. The compliance check date and its validity go together.',
          params: FacilitatorIdParamsSchema,
          body: UpdateFacilitatorBodySchema,
          response: { 200: FacilitatorRef, ...problemResponses(401, 403, 404, 409, 422) },
        },
      },
      async (request) => {
        requireRole(request, 'staff');
        const { facilitatorId } = request.params;
        const onDate = today();
        // The dates rule reads the merged record: lock it so a concurrent change cannot slip between.
        const result = await deps.pool.transaction(async (tx) => {
          const current = await findFacilitator(tx, facilitatorId, { forUpdate: true });
          if (!current) return { outcome: 'not_found' as const };
          const dates = checkComplianceDates({ ...current, ...request.body }, onDate);
          if (dates) throw problemFromViolations([dates]);
          return updateFacilitator(tx, facilitatorId, request.body);
        });
        if (result.outcome === 'not_found')
          throw notFound('facilitator', facilitatorId, 'FACILITATOR_NOT_FOUND');
        if (result.outcome === 'duplicate')
          throw alreadyExists(result.field, facilitatorId, request.body.email);
        return presentFacilitator(result.facilitator, onDate);
      },
    );
  };
}
