import { Type } from 'typebox';
import { DEAL_TYPES, MISSION_STATUSES, SECTORS, SESSION_KINDS } from '../../workflows/messages/mission.ts';

const literalUnion = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    description ? { description } : {},
  );

export const SectorSchema = literalUnion(
  SECTORS,
  'Decides which rules apply (volunteers and optional registration only in education)',
);
export const DealTypeSchema = literalUnion(
  DEAL_TYPES,
  'subcontracting: the association bills the client; client_introduction: no payouts',
);
export const SessionKindSchema = literalUnion(SESSION_KINDS);
export const MissionStatusSchema = literalUnion(MISSION_STATUSES);

export const OrderLineSchema = Type.Object(
  {
    kind: SessionKindSchema,
    quantity: Type.Integer({
      minimum: 1,
      maximum: 1000,
      description: 'Sessions of this kind the client ordered',
    }),
    participantsPerSession: Type.Integer({ minimum: 1, maximum: 500 }),
    unitPriceCents: Type.Integer({
      minimum: 0,
      maximum: 100_000_000,
      description: 'Price of one session, in euro cents',
    }),
  },
  { additionalProperties: false },
);

const nonBlank = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', ...(description ? { description } : {}) });

const ContactSchema = Type.Object(
  {
    id: nonBlank(100, "The person's id in the association's directory"),
    name: nonBlank(200),
    email: Type.String({ format: 'email', maxLength: 254 }),
  },
  { additionalProperties: false, description: 'The coordinator who won the order' },
);

export const CreateMissionBodySchema = Type.Object(
  {
    title: nonBlank(200, 'What the client bought, e.g. "Ateliers climat 2027"'),
    client: Type.Object({ name: nonBlank(200, 'The client organisation') }, { additionalProperties: false }),
    sector: SectorSchema,
    dealType: DealTypeSchema,
    coordinator: ContactSchema,
    endDate: Type.String({
      format: 'date',
      description: 'Every session must have taken place by this date (YYYY-MM-DD)',
    }),
    orderLines: Type.Array(OrderLineSchema, { minItems: 1, maxItems: 2 }),
  },
  { additionalProperties: false },
);

export const MissionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    title: Type.String(),
    client: Type.Object({ name: Type.String() }),
    sector: SectorSchema,
    dealType: DealTypeSchema,
    coordinator: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }),
    status: MissionStatusSchema,
    endDate: Type.String({ format: 'date' }),
    nextDeadline: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    orderLines: Type.Array(OrderLineSchema),
    workflowId: Type.String({ description: 'Find the mission in the Temporal Web UI by this id' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    version: Type.Integer(),
  },
  { $id: 'Mission' },
);

export const MissionIdParamsSchema = Type.Object({ missionId: Type.String({ format: 'uuid' }) });

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 200,
    description:
      'A key you choose per creation; retrying with the same key and body returns the same mission',
  }),
});
