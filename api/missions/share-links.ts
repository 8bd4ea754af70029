import type { Actor } from '../../workflows/messages/actor.ts';
import { FACILITATOR_STATUSES, type FacilitatorStatus } from '../../workflows/messages/domain.ts';

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

/** Who handed out a registration link: registrations made with it are in their name. */
export function readRegistrationSubject(subject: string): Actor | null {
  try {
    const [role, who] = JSON.parse(subject) as unknown[];
    if ((role === 'staff' || role === 'coordinator') && typeof who === 'string')
      return { role, subject: who };
  } catch {
    // A signed subject that does not parse is treated like any other invalid link.
  }
  return null;
}

/** A survey link names its participant and which survey (hot or cold). */
export function readSurveySubject(subject: string): { participantId: string; kind: 'hot' | 'cold' } | null {
  try {
    const [participantId, kind] = JSON.parse(subject) as unknown[];
    if (typeof participantId === 'string' && (kind === 'hot' || kind === 'cold'))
      return { participantId, kind };
  } catch {
    // As above.
  }
  return null;
}
