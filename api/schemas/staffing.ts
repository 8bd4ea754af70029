import { Type } from 'typebox';
import { FACILITATOR_STATUSES } from '../../workflows/messages/domain.ts';
import { PAYOUT_HOLD_REASONS, PAYOUT_ITEM_STATUSES } from '../../workflows/messages/payouts.ts';
import { INVITATION_STATUSES } from '../../workflows/messages/staffing.ts';
import { MANAGER_SILENCE_OUTCOMES } from '../../workflows/policy.ts';
import { literalUnion } from './literal-union.ts';

export const FacilitatorStatusSchema = literalUnion(FACILITATOR_STATUSES);

export const InviteBodySchema = Type.Object(
  {
    facilitatorId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Id in the facilitator directory',
    }),
    facilitatorStatus: Type.Optional(FacilitatorStatusSchema),
  },
  { additionalProperties: false },
);

export const ShareLinkBodySchema = Type.Object(
  { facilitatorStatus: Type.Optional(FacilitatorStatusSchema) },
  { additionalProperties: false },
);

export const ShareLinkSchema = Type.Object({
  url: Type.String({
    description:
      'Forward it: a facilitator of the directory enters their e-mail and gets a personal invitation',
  }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const ShareRequestBodySchema = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 254 }) },
  { additionalProperties: false },
);

export const AcknowledgementSchema = Type.Object({ message: Type.String() });

export const ChangeStatusBodySchema = Type.Object(
  { status: FacilitatorStatusSchema },
  { additionalProperties: false },
);

export const AcceptBodySchema = Type.Object(
  {
    duringWorkingTime: Type.Optional(
      Type.Boolean({
        description:
          "For the client's employees: taking part during working time needs their manager's approval",
      }),
    ),
  },
  { additionalProperties: false },
);

export const InvitationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    facilitator: Type.Object({ id: Type.String(), name: Type.String() }),
    status: literalUnion(INVITATION_STATUSES),
    facilitatorStatus: FacilitatorStatusSchema,
    approval: Type.Union([
      Type.Literal('not_needed'),
      Type.Literal('pending'),
      Type.Literal('approved'),
      Type.Literal('refused'),
    ]),
    duringWorkingTime: Type.Union([Type.Boolean(), Type.Null()]),
    approvalNote: Type.Optional(Type.String({ description: 'What the manager wrote with their decision.' })),
    approvalRule: Type.Optional(
      Type.Object(
        {
          means: literalUnion(MANAGER_SILENCE_OUTCOMES),
          source: Type.Union([Type.Literal('client'), Type.Literal('default')]),
        },
        {
          description:
            "Nobody decided: the rule silence followed at the deadline, the client's own or the default.",
        },
      ),
    ),
    sentAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
    respondedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'Invitation' },
);

export const StaffingSchema = Type.Object(
  {
    sessionId: Type.String({ format: 'uuid' }),
    slots: Type.Object({ total: Type.Integer(), taken: Type.Integer(), open: Type.Integer() }),
    invitations: Type.Array(Type.Ref('Invitation')),
    payouts: Type.Optional(
      Type.Array(
        Type.Object({
          facilitatorId: Type.String(),
          status: literalUnion(PAYOUT_ITEM_STATUSES),
          holdReasons: Type.Array(literalUnion(PAYOUT_HOLD_REASONS)),
        }),
        { description: "Each paid facilitator's payout tag on this session (read views only)" },
      ),
    ),
  },
  { $id: 'Staffing' },
);

export const InvitationLinkSchema = Type.Object({
  invitation: Type.Ref('Invitation'),
  session: Type.Object({
    title: Type.String(),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    clientName: Type.String(),
  }),
});

// Signed links are a few hundred characters; the cap keeps even a percent-encoded path under Node's header limit.
export const TokenParamsSchema = Type.Object({ token: Type.String({ minLength: 20, maxLength: 1024 }) });

export const ApprovalDecisionSchema = Type.Object({ approved: Type.Boolean() });

export const ApprovalNoteBodySchema = Type.Object(
  {
    note: Type.Optional(
      Type.String({
        maxLength: 1000,
        description: "Passed on to the coordinator with the manager's decision.",
      }),
    ),
  },
  { additionalProperties: false, description: 'Optional: the request may have no body.' },
);

export const StaffingParamsSchema = Type.Object({
  missionId: Type.String({ format: 'uuid' }),
  sessionId: Type.String({ format: 'uuid' }),
});

export const FacilitatorStatusParamsSchema = Type.Object({
  missionId: Type.String({ format: 'uuid' }),
  sessionId: Type.String({ format: 'uuid' }),
  facilitatorId: Type.String({ minLength: 1, maxLength: 100 }),
});

export const InvitationParamsSchema = Type.Object({
  missionId: Type.String({ format: 'uuid' }),
  sessionId: Type.String({ format: 'uuid' }),
  invitationId: Type.String({ format: 'uuid' }),
});
