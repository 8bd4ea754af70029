import { Type } from 'typebox';
import { AGREEMENT_NUMBER_PATTERN } from '../../workflows/rules/funding.ts';
import { oneLine as text } from './one-line.ts';

const Address = Type.Object(
  { street: text(200), postalCode: Type.String({ pattern: '^[0-9]{5}$' }), city: text(100) },
  { additionalProperties: false },
);
const phone = Type.String({ minLength: 6, maxLength: 30, pattern: '^[+0-9 ().-]+$' });
const siret = Type.String({ pattern: '^[0-9]{14}$', description: '14 digits' });
const email = Type.String({ format: 'email', maxLength: 254 });

const Company = Type.Object(
  {
    type: Type.Literal('company'),
    companyName: text(200),
    siret,
    managerName: text(200),
    trainingContactName: Type.Union([text(200), Type.Null()]),
    phone,
    address: Address,
    trainingPlace: text(300),
    contactEmail: email,
  },
  { additionalProperties: false },
);
const Individual = Type.Object(
  {
    type: Type.Literal('individual'),
    firstName: text(100),
    lastName: text(100),
    email,
    phone,
    franceTravailId: Type.Union([text(50), Type.Null()]),
    agencyLocality: Type.Union([text(100), Type.Null()]),
  },
  { additionalProperties: false },
);
const Independent = Type.Object(
  {
    type: Type.Literal('independent'),
    firstName: text(100),
    lastName: text(100),
    email,
    phone,
    siret,
    address: Address,
  },
  { additionalProperties: false },
);

export const FundingRequestSchema = Type.Object(
  {
    kind: Type.Union(
      ['opco', 'cpf', 'france_travail', 'fifpl', 'agefice', 'client'].map((kind) => Type.Literal(kind)),
    ),
    client: Type.Union([Company, Individual, Independent]),
    expenses: Type.Array(
      Type.Object(
        {
          label: text(200),
          category: Type.Union(
            ['travel', 'lodging', 'meals', 'other'].map((category) => Type.Literal(category)),
          ),
          amountCents: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

const agreementNumber = Type.Optional(
  Type.String({
    pattern: AGREEMENT_NUMBER_PATTERN,
    description:
      "The funder's agreement number (an OPCO's numéro de prise en charge), printed on the certificates " +
      "and sent to billing: 1 to 50 letters, digits, '-', '/', '.' or spaces, trimmed. Not with a refusal.",
  }),
);

export const FundingDecisionSchema = Type.Union([
  Type.Object({ outcome: Type.Literal('full'), agreementNumber }, { additionalProperties: false }),
  Type.Object(
    { outcome: Type.Literal('partial'), amountCents: Type.Integer({ minimum: 1 }), agreementNumber },
    { additionalProperties: false },
  ),
  Type.Object({ outcome: Type.Literal('refused') }, { additionalProperties: false }),
]);

export const FundingViewSchema = Type.Object(
  {
    sessionId: Type.String({ format: 'uuid' }),
    status: Type.Union([Type.String(), Type.Null()]),
    kind: Type.Union([Type.String(), Type.Null()]),
    proposal: Type.Union([
      Type.Object({
        number: Type.String(),
        version: Type.Integer(),
        documentIds: Type.Array(Type.String()),
        sentAt: Type.String(),
      }),
      Type.Null(),
    ]),
    decision: Type.Union([
      Type.Object(
        {
          outcome: Type.String(),
          automatic: Type.Boolean(),
          agreementNumber: Type.Union([Type.String(), Type.Null()], {
            description: "The funder's agreement number; null when none was given (and for a refusal)",
          }),
        },
        { additionalProperties: true },
      ),
      Type.Null(),
    ]),
    billing: Type.Union([
      Type.Object({ totalCents: Type.Integer(), fundedCents: Type.Integer(), clientCents: Type.Integer() }),
      Type.Null(),
    ]),
    keptAfterRefusal: Type.Boolean(),
  },
  { $id: 'Funding' },
);
