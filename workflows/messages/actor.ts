export const ROLES = ['staff', 'coordinator', 'facilitator'] as const;
export type Role = (typeof ROLES)[number];

/** Who asked for a change: recorded in the audit trail with every accepted command. */
export interface Actor {
  subject: string;
  role: Role;
}

/** The workflow itself, for what happens by itself (reminders, deadlines, closure). */
export const SYSTEM_ACTOR: Actor = { subject: 'system', role: 'staff' };
