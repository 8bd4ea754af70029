/** Registration rules: before the start, within capacity, one registration per e-mail. */
import type { RegisterParticipantsCommand } from '../messages/participants.ts';
import type { SessionView } from '../messages/session.ts';
import { conflict, notFound, type Violation } from './violation.ts';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * What a person's name holds: letters of any alphabet (and numerals, as in "Louis 2"), spaces,
 * hyphens, apostrophes and dots, 60 characters at most, starting with a letter. Names are printed
 * in e-mails, sheets and certificates: no link, address or markup can be smuggled into a message
 * sent in the association's name.
 */
export const PERSON_NAME_PATTERN = "^[\\p{L}\\p{M}][\\p{L}\\p{M}\\p{N} .'’-]{0,59}$";

export const isPersonName = (name: string): boolean => new RegExp(PERSON_NAME_PATTERN, 'u').test(name);

function checkOpen(view: SessionView, now: Date): Violation | null {
  if (view.status === 'cancelled') return conflict('SESSION_CANCELLED', 'This session was cancelled.');
  if (view.status !== 'planned' || Date.parse(view.startsAt) <= now.getTime()) {
    return conflict('REGISTRATION_CLOSED', 'Registration closes when the session starts.');
  }
  return null;
}

/** Participants of the command not yet registered, each e-mail once. */
export function newRegistrations(view: SessionView, command: RegisterParticipantsCommand) {
  const seen = new Set(view.participants.map((participant) => normaliseEmail(participant.email)));
  return command.participants.filter((participant) => {
    const email = normaliseEmail(participant.email);
    if (seen.has(email)) return false;
    seen.add(email);
    return true;
  });
}

export function checkRegister(
  view: SessionView,
  command: RegisterParticipantsCommand,
  now: Date,
): Violation | null {
  const closed = checkOpen(view, now);
  if (closed) return closed;
  const adding = newRegistrations(view, command).length;
  if (view.participants.length + adding > view.capacity) {
    return conflict(
      'CAPACITY_EXCEEDED',
      `This session takes ${view.capacity} participants: ${view.participants.length} are registered, so ${Math.max(0, view.capacity - view.participants.length)} more at most.`,
    );
  }
  return null;
}

export function checkRemove(view: SessionView, participantId: string, now: Date): Violation | null {
  if (!view.participants.some((participant) => participant.participantId === participantId)) {
    return notFound('PARTICIPANT_NOT_FOUND', 'This participant is not registered on this session.');
  }
  return checkOpen(view, now);
}
