import { Type } from 'typebox';
import { ATTENDANCE_STATUSES } from '../../workflows/messages/domain.ts';
import {
  CHECKLIST_ITEMS,
  PAYOUT_CHANNELS,
  PAYOUT_HOLD_REASONS,
  PAYOUT_ITEM_STATUSES,
  PAYOUT_ROLES,
  PROVIDER_PAYOUT_STATUSES,
  SUPPLIER_INVOICE_REASONS,
} from '../../workflows/messages/payouts.ts';
import { literalUnion } from './literal-union.ts';
import { SessionKindSchema } from './mission.ts';

// Null first: with type coercion on, a null tried against a number or string branch first would
// be coerced to 0 or "" and silently accepted as such.
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([Type.Null(), schema]);
const DateSchema = Type.String({ format: 'date', description: 'Calendar date, YYYY-MM-DD' });
const InstantSchema = Type.String({ format: 'date-time' });
const ActorSchema = Type.Object({ subject: Type.String(), role: Type.String() });

export const PayoutRoleSchema = literalUnion(PAYOUT_ROLES);

const PayoutLineSchema = Type.Object({
  sessionId: nullable(Type.String()),
  kind: SessionKindSchema,
  role: PayoutRoleSchema,
  title: Type.String(),
  date: InstantSchema,
  amountCents: Type.Integer(),
});

export const ProviderPayoutSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    requestId: Type.String({ description: '"closure" for the coordinator’s payout' }),
    provider: Type.Object({ id: Type.String(), name: Type.String() }),
    channel: nullable(literalUnion(PAYOUT_CHANNELS)),
    supplierInvoiceReason: nullable(literalUnion(SUPPLIER_INVOICE_REASONS)),
    status: literalUnion(PROVIDER_PAYOUT_STATUSES),
    lines: Type.Array(PayoutLineSchema),
    totalCents: nullable(Type.Integer({ description: 'Excluding VAT' })),
    invoiceNumber: nullable(Type.String({ description: 'Self-billing invoice number, e.g. AF-2027-00012' })),
    invoiceAvailable: Type.Boolean(),
    requestedAt: InstantSchema,
    invoiceRequestedAt: nullable(InstantSchema),
    invoiceRemindersSent: Type.Integer(),
    staffAlerted: Type.Boolean(),
    invoiceReceivedAt: nullable(InstantSchema),
    paidOn: nullable(DateSchema),
  },
  { $id: 'ProviderPayout' },
);

export const PayoutsViewSchema = Type.Object({
  dealType: Type.String(),
  window: Type.Object({
    lastRequestedOn: nullable(DateSchema),
    nextWindowOpensOn: nullable(DateSchema),
  }),
  items: Type.Array(
    Type.Object({
      sessionId: Type.String({ format: 'uuid' }),
      sessionTitle: Type.String(),
      sessionStartsAt: InstantSchema,
      facilitator: Type.Object({ id: Type.String(), name: Type.String() }),
      role: PayoutRoleSchema,
      status: literalUnion(PAYOUT_ITEM_STATUSES),
      holdReasons: Type.Array(literalUnion(PAYOUT_HOLD_REASONS)),
      requestId: nullable(Type.String()),
      payoutId: nullable(Type.String()),
    }),
  ),
  requests: Type.Array(
    Type.Object({
      id: Type.String(),
      requestedAt: InstantSchema,
      requestedBy: ActorSchema,
      month: Type.String({ description: 'YYYY-MM, Europe/Paris' }),
      payoutIds: Type.Array(Type.String()),
    }),
  ),
  payouts: Type.Array(Type.Ref('ProviderPayout')),
});

export const PayoutRequestSchema = Type.Object({
  id: Type.String(),
  requestedAt: InstantSchema,
  month: Type.String(),
  payouts: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      provider: Type.Object({ id: Type.String(), name: Type.String() }),
      lines: Type.Integer({ description: 'Sessions this payout covers' }),
    }),
  ),
});

export const WaiverBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const WaiverSchema = Type.Object({
  sessionId: Type.String(),
  reason: Type.String(),
  waivedBy: ActorSchema,
  waivedAt: InstantSchema,
});

const GapSessionSchema = Type.Object({
  title: Type.String(),
  date: Type.String({ format: 'date', description: 'First day, in Paris' }),
});

/** `ChecklistGap` (workflows/messages/payouts.ts): what an item misses, for a front end to word. */
const ChecklistGapSchema = Type.Union([
  Type.Object({ gap: Type.Literal('sessions_unplanned'), count: Type.Integer() }),
  Type.Object({ gap: Type.Literal('no_session') }),
  Type.Object({
    gap: literalUnion([
      'session_not_ended',
      'session_report_missing',
      'sheet_waived',
      'certificates_missing',
    ]),
    session: GapSessionSchema,
  }),
  Type.Object({
    gap: Type.Literal('attendance_unproven'),
    session: GapSessionSchema,
    attendance: nullable(literalUnion(ATTENDANCE_STATUSES)),
  }),
  Type.Object({ gap: Type.Literal('usage_rights_undeclared'), facilitatorName: Type.String() }),
  Type.Object({
    gap: Type.Literal('payouts_not_requested'),
    count: Type.Integer(),
    holds: Type.Array(Type.Object({ reason: literalUnion(PAYOUT_HOLD_REASONS), count: Type.Integer() })),
  }),
]);

export const ClosureViewSchema = Type.Object({
  status: Type.String(),
  closable: Type.Boolean({
    description: 'Nothing blocking is missing: the coordinator may declare it closed',
  }),
  checklist: Type.Array(
    Type.Object({
      item: literalUnion(CHECKLIST_ITEMS),
      done: Type.Boolean(),
      blocking: Type.Boolean(),
      missing: Type.Array(Type.String(), { description: 'What is missing, in English' }),
      gaps: Type.Array(ChecklistGapSchema, {
        description: 'What is missing, as data to word in any language',
      }),
    }),
  ),
  closure: nullable(
    Type.Object({
      closedAt: InstantSchema,
      closedBy: ActorSchema,
      automatic: Type.Boolean(),
      coordinatorPayoutId: nullable(Type.String()),
    }),
  ),
});

export const UsageRightsBodySchema = Type.Object(
  {
    facilitatorId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'Whose declaration; a facilitator omits it' }),
    ),
    revenueCents: Type.Integer({
      minimum: 0,
      maximum: 100_000_000,
      description: 'What the facilitator invoiced the client, excluding VAT, in euro cents',
    }),
    participants: Type.Integer({ minimum: 0, maximum: 100_000 }),
  },
  { additionalProperties: false },
);

export const UsageRightsSchema = Type.Object({
  facilitatorId: Type.String(),
  revenueCents: Type.Integer(),
  participants: Type.Integer(),
  declaredBy: ActorSchema,
  declaredAt: InstantSchema,
});

export const PayoutParamsSchema = Type.Object({ payoutId: Type.String({ format: 'uuid' }) });

export const MarkPaidBodySchema = Type.Object({ paidOn: DateSchema }, { additionalProperties: false });

export const PayoutRateSchema = Type.Object({
  sessionKind: SessionKindSchema,
  role: PayoutRoleSchema,
  amountCents: Type.Integer(),
  updatedAt: InstantSchema,
});

export const RateParamsSchema = Type.Object({ sessionKind: SessionKindSchema, role: PayoutRoleSchema });

export const RateBodySchema = Type.Object(
  { amountCents: Type.Integer({ minimum: 0, maximum: 10_000_000 }) },
  { additionalProperties: false },
);

export const BillingDetailsSchema = Type.Object(
  {
    billingName: nullable(
      Type.String({ minLength: 1, maxLength: 200, description: 'Legal name, if not the person’s' }),
    ),
    billingAddress: nullable(Type.String({ minLength: 1, maxLength: 500 })),
    siret: nullable(Type.String({ pattern: '^[0-9]{14}$' })),
    vatNumber: nullable(Type.String({ minLength: 4, maxLength: 20, pattern: '^[A-Z]{2}[0-9A-Z]+$' })),
    vatRatePercent: nullable(
      Type.Number({ minimum: 0, maximum: 99.99, description: 'null: VAT franchise (art. 293 B du CGI)' }),
    ),
    selfBillingMandateSignedOn: nullable(DateSchema),
  },
  { additionalProperties: false },
);

export const BillingViewSchema = Type.Object({
  ...BillingDetailsSchema.properties,
  country: Type.String({ description: 'From the directory entry: FR is self-billed' }),
  payoutChannel: Type.Object(
    {
      channel: literalUnion(PAYOUT_CHANNELS),
      supplierInvoiceReason: nullable(literalUnion(SUPPLIER_INVOICE_REASONS)),
    },
    { description: 'How a payout requested today would be paid, and why not self-billed' },
  ),
});

export const SupplierInvoiceLinkSchema = Type.Object({
  provider: Type.Object({ name: Type.String() }),
  mission: Type.Object({ title: Type.String(), clientName: Type.String() }),
  totalCents: nullable(Type.Integer()),
  status: literalUnion(PROVIDER_PAYOUT_STATUSES),
});
