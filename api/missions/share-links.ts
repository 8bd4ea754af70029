import type { Actor } from '../../workflows/messages/actor.ts';
import { FACILITATOR_STATUSES, type FacilitatorStatus } from '../../workflows/messages/staffing.ts';

export const SHARE_LINK_VALIDITY_MS = 7 * 24 * 3600_000;

/**
 * A shared link names who shared it (the invitation is theirs) and the status it offers; the
 * token is signed, so this is as trustworthy as the signature.
 */
export function shareSubject(actor: Actor, status: FacilitatorStatus): string {
  return JSON.stringify([actor.role, actor.subject, status]);
}

export function readShareSubject(subject: string): { actor: Actor; status: FacilitatorStatus } | null {
  try {
    const [role, who, status] = JSON.parse(subject) as unknown[];
    if (
      (role === 'staff' || role === 'coordinator') &&
      typeof who === 'string' &&
      FACILITATOR_STATUSES.includes(status as FacilitatorStatus)
    ) {
      return { actor: { role, subject: who }, status: status as FacilitatorStatus };
    }
  } catch {
    // A signed subject that does not parse is treated like any other invalid link.
  }
  return null;
}
