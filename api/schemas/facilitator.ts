import { Type } from 'typebox';
import { TRAINING_PROVIDER_NUMBER_PATTERN } from '../../workflows/rules/compliance.ts';
import { oneLine as nonBlank } from './one-line.ts';

/**
 * A string or null as one schema (`type: ['string', 'null']`) rather than a union: a wrong value
 * then reports one issue, not one per branch plus "must match a schema in anyOf".
 */
const nullable = (schema: ReturnType<typeof Type.String>) =>
  Type.Unsafe<string | null>({ ...schema, type: ['string', 'null'] });

// The id ends up in URLs (Location, /facilitators/:id) and in tokens' `sub`: no blanks.
const FacilitatorIdSchema = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^\\S+$',
  description: "The person's id in the association's directory, the `sub` of their bearer tokens",
});

const EmailSchema = (description?: string) =>
  Type.String({ format: 'email', maxLength: 254, ...(description ? { description } : {}) });

const date = (description: string) => Type.String({ format: 'date', description });

const editableFields = {
  firstName: nonBlank(100),
  lastName: nonBlank(100),
  email: EmailSchema('Unique in the directory, whatever the case; stored lower-cased'),
  country: Type.String({
    pattern: '^[A-Z]{2}$',
    description: 'ISO 3166-1 alpha-2 code of the country the facilitator bills from; FR is self-billed',
  }),
  trainingProviderNumber: nullable(
    Type.String({
      pattern: TRAINING_PROVIDER_NUMBER_PATTERN,
      description: "Training-provider registration number (déclaration d'activité): 11 digits, no spaces",
    }),
  ),
  complianceCheckedOn: nullable(date('Day of the last compliance check (YYYY-MM-DD)')),
  compliantUntil: nullable(date('Last day the compliance check is valid (YYYY-MM-DD), inclusive')),
  employer: nullable(nonBlank(200, 'For facilitators who are employees: their employer')),
  managerEmail: nullable(
    EmailSchema('For employees: the manager who approves participation in working time'),
  ),
};

const optionalEditableFields = {
  trainingProviderNumber: Type.Optional(editableFields.trainingProviderNumber),
  complianceCheckedOn: Type.Optional(editableFields.complianceCheckedOn),
  compliantUntil: Type.Optional(editableFields.compliantUntil),
  employer: Type.Optional(editableFields.employer),
  managerEmail: Type.Optional(editableFields.managerEmail),
};

export const CreateFacilitatorBodySchema = Type.Object(
  {
    id: FacilitatorIdSchema,
    firstName: editableFields.firstName,
    lastName: editableFields.lastName,
    email: editableFields.email,
    country: editableFields.country,
    ...optionalEditableFields,
  },
  { additionalProperties: false },
);

export const UpdateFacilitatorBodySchema = Type.Object(
  {
    firstName: Type.Optional(editableFields.firstName),
    lastName: Type.Optional(editableFields.lastName),
    email: Type.Optional(editableFields.email),
    country: Type.Optional(editableFields.country),
    ...optionalEditableFields,
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'Only the fields sent change; null clears an optional field',
  },
);

export const FacilitatorSchema = Type.Object(
  {
    id: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String(),
    country: Type.String(),
    trainingProviderNumber: Type.Union([Type.String(), Type.Null()]),
    complianceCheckedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    compliantUntil: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    employer: Type.Union([Type.String(), Type.Null()]),
    managerEmail: Type.Union([Type.String(), Type.Null()]),
    compliance: Type.Object(
      {
        compliant: Type.Boolean(),
        reason: Type.Union([Type.String(), Type.Null()], { description: 'Why not, when not compliant' }),
      },
      { description: 'Whether the facilitator may take part in a session today (Europe/Paris)' },
    ),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Facilitator' },
);

export const FacilitatorPageSchema = Type.Object({
  items: Type.Array(Type.Ref('Facilitator')),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `cursor` to read the next page',
  }),
});

export const FacilitatorListQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Part of the name or e-mail, whatever the case',
      }),
    ),
    compliant: Type.Optional(Type.Boolean({ description: 'Only facilitators compliant (or not) today' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const FacilitatorIdParamsSchema = Type.Object({ facilitatorId: FacilitatorIdSchema });
