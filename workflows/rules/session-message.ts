/** Who a coordinator's message reaches, and when a session takes none. */

import type { SessionView } from '../messages/session.ts';
import type { MessageAudience } from '../messages/session-message.ts';
import { normaliseEmail } from './registration.ts';
import { conflict, type Violation } from './violation.ts';

export interface MessageRecipient {
  email: string;
  name: string;
}

/**
 * Registered participants and the facilitators who accepted: a pending, declined or withdrawn
 * invitee is not part of the session. One e-mail per address, whoever it is listed as.
 */
export function messageRecipients(
  view: Pick<SessionView, 'participants' | 'invitations'>,
  audience: MessageAudience,
): MessageRecipient[] {
  const people: MessageRecipient[] = [];
  if (audience !== 'facilitators')
    for (const participant of view.participants)
      people.push({ email: participant.email, name: `${participant.firstName} ${participant.lastName}` });
  if (audience !== 'participants')
    for (const invitation of view.invitations)
      if (invitation.status === 'accepted')
        people.push({ email: invitation.facilitator.email, name: invitation.facilitator.name });
  const seen = new Set<string>();
  return people.filter((person) => {
    const key = normaliseEmail(person.email);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const NOBODY: Record<MessageAudience, string> = {
  participants: 'This session has no registered participant to write to.',
  facilitators: 'No facilitator has accepted this session yet: there is nobody to write to.',
  both: 'This session has neither a registered participant nor a facilitator who accepted.',
};

/** A cancelled session's people have been told it will not happen: nothing more is sent them. */
export function checkSessionTakesMessages(status: SessionView['status']): Violation | null {
  return status === 'cancelled'
    ? conflict('SESSION_CANCELLED', 'This session is cancelled: its people are no longer written to.')
    : null;
}

export function checkSessionMessage(
  view: Pick<SessionView, 'status' | 'participants' | 'invitations'>,
  audience: MessageAudience,
): Violation | null {
  const closed = checkSessionTakesMessages(view.status);
  if (closed) return closed;
  if (messageRecipients(view, audience).length === 0)
    return conflict('NO_RECIPIENTS', NOBODY[audience], { audience });
  return null;
}
