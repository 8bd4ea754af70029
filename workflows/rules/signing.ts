/**
 * Digital signing of attendance ("émargement numérique"), DESIGN.md §5: a half-day is open for
 * its participants' signatures from its start to its end plus a grace, once per participant; the
 * facilitator countersigns it after its start, which closes it. Presence follows from the
 * signatures of countersigned half-days: a certificate never claims hours nobody countersigned.
 */
import type { AttendanceStatus, HalfDay } from '../messages/domain.ts';
import type { SessionView } from '../messages/session.ts';
import type { CountersignCommand, SignHalfDayCommand, Signing } from '../messages/signing.ts';
import type { Duration } from '../policy.ts';
import type { PresenceEntry } from './attendance.ts';
import { msOf } from './durations.ts';
import { conflict, forbidden, invalid, type Violation } from './violation.ts';

export interface SigningWindow {
  opensAt: number;
  closesAt: number;
}

export function signingWindow(halfDay: HalfDay, graceAfterHalfDay: Duration): SigningWindow {
  return {
    opensAt: Date.parse(halfDay.startsAt),
    closesAt: Date.parse(halfDay.endsAt) + msOf(graceAfterHalfDay),
  };
}

/**
 * The half-day whose signing is open at `now`. When a grace overlaps the next half-day's start,
 * the half-day that has started most recently is the one people are in.
 */
export function openHalfDayIndex(halfDays: HalfDay[], graceAfterHalfDay: Duration, now: Date): number | null {
  let open: number | null = null;
  halfDays.forEach((halfDay, index) => {
    const window = signingWindow(halfDay, graceAfterHalfDay);
    if (window.opensAt <= now.getTime() && now.getTime() <= window.closesAt) open = index;
  });
  return open;
}

/** A proven attendance lets certificates and payouts go: a compliant paper sheet, or countersigned signatures. */
export const attendanceProven = (status: AttendanceStatus): boolean =>
  status === 'compliant' || status === 'signed';

export const isCountersigned = (signing: Signing, halfDayIndex: number): boolean =>
  signing.countersignatures.some((countersignature) => countersignature.halfDayIndex === halfDayIndex);

/** Half-days that someone signed and no facilitator has countersigned yet. */
export function uncountersignedHalfDays(signing: Signing): number[] {
  const signed = new Set(signing.signatures.map((signature) => signature.halfDayIndex));
  return [...signed].filter((index) => !isCountersigned(signing, index)).sort((a, b) => a - b);
}

/**
 * When the last half-day stops taking signatures: once countersigned, or when its window (its end
 * plus the grace) closes. Null for a session without half-days.
 */
export function lastHalfDayClosesAt(attendance: SessionView['attendance']): number | null {
  const { halfDays, signing } = attendance;
  const last = halfDays.reduce<number | null>(
    (latest, halfDay, index) =>
      latest === null || Date.parse(halfDay.endsAt) > Date.parse(halfDays[latest]?.endsAt ?? '')
        ? index
        : latest,
    null,
  );
  const halfDay = last === null ? undefined : halfDays[last];
  if (last === null || !halfDay) return null;
  return isCountersigned(signing, last)
    ? Number.NEGATIVE_INFINITY
    : signingWindow(halfDay, signing.graceAfterHalfDay).closesAt;
}

/**
 * Signing is complete once the session has ended, someone signed, and every half-day with
 * signatures is countersigned: attendance then becomes `signed` and certificates go out. Given
 * `now`, it also waits for the last half-day to stop taking signatures, so people who sign
 * within the grace after the end are not turned away (sessions started before that rule pass
 * no `now`, and keep completing at the end).
 */
export function signingComplete(view: Pick<SessionView, 'status' | 'attendance'>, now?: Date): boolean {
  const { signing, status } = view.attendance;
  const closesAt = now === undefined ? null : lastHalfDayClosesAt(view.attendance);
  return (
    view.status === 'ended' &&
    status === 'pending' &&
    signing.signatures.length > 0 &&
    uncountersignedHalfDays(signing).length === 0 &&
    (now === undefined || closesAt === null || now.getTime() >= closesAt)
  );
}

/** Presence per participant and half-day: signed, in a countersigned half-day. */
export function presenceFromSignatures(
  halfDays: HalfDay[],
  participantIds: string[],
  signing: Signing,
): PresenceEntry[] {
  return participantIds.map((participantId) => ({
    participantId,
    halfDays: halfDays.map(
      (_, index) =>
        isCountersigned(signing, index) &&
        signing.signatures.some(
          (signature) => signature.halfDayIndex === index && signature.participantId === participantId,
        ),
    ),
  }));
}

/** The half-day a command names, or why it names none. */
function halfDayOf(view: Pick<SessionView, 'attendance'>, index: number): HalfDay | Violation {
  const halfDay = Number.isInteger(index) ? view.attendance.halfDays[index] : undefined;
  return (
    halfDay ??
    invalid(
      'UNKNOWN_HALF_DAY',
      `This session has ${view.attendance.halfDays.length} half-day(s), numbered from 0: there is no half-day ${index}.`,
    )
  );
}

const isViolation = (value: HalfDay | Violation): value is Violation => 'code' in value;

/** Why a session's state takes no more signatures, whatever the half-day. */
function checkSigningOpen(view: Pick<SessionView, 'status' | 'attendance'>): Violation | null {
  if (view.status === 'cancelled') return conflict('SESSION_CANCELLED', 'This session was cancelled.');
  if (view.attendance.status === 'signed')
    return conflict(
      'SIGNING_COMPLETE',
      'Every signed half-day of this session is countersigned: its attendance is final.',
    );
  if (view.attendance.status !== 'pending')
    return conflict(
      'ATTENDANCE_RECORDED_ON_PAPER',
      "This session's attendance was recorded from the paper sheet: it can no longer be signed on a phone.",
    );
  return null;
}

export function checkSignHalfDay(
  view: Pick<SessionView, 'status' | 'attendance' | 'participants'>,
  command: Pick<SignHalfDayCommand, 'participantId' | 'halfDayIndex'>,
  now: Date,
): Violation | null {
  const closed = checkSigningOpen(view);
  if (closed) return closed;
  const halfDay = halfDayOf(view, command.halfDayIndex);
  if (isViolation(halfDay)) return halfDay;
  if (!view.participants.some((participant) => participant.participantId === command.participantId))
    return invalid('UNKNOWN_PARTICIPANT', 'This person is not registered on this session.');
  const { signing } = view.attendance;
  const window = signingWindow(halfDay, signing.graceAfterHalfDay);
  if (now.getTime() < window.opensAt)
    return conflict('SIGNING_NOT_OPEN', 'Signing for this half-day opens when it starts.', {
      opensAt: new Date(window.opensAt).toISOString(),
    });
  if (isCountersigned(signing, command.halfDayIndex))
    return conflict(
      'HALF_DAY_COUNTERSIGNED',
      'The facilitator has countersigned this half-day: it takes no more signatures.',
    );
  if (now.getTime() > window.closesAt)
    return conflict('SIGNING_CLOSED', 'Signing for this half-day is closed.', {
      closedAt: new Date(window.closesAt).toISOString(),
    });
  const signed = signing.signatures.some(
    (signature) =>
      signature.halfDayIndex === command.halfDayIndex && signature.participantId === command.participantId,
  );
  return signed ? conflict('ALREADY_SIGNED', 'This person has already signed this half-day.') : null;
}

/** Facilitators counting on the session: accepted, and not refused by their manager. */
export function sessionFacilitators(view: Pick<SessionView, 'invitations'>) {
  return view.invitations.filter(
    (invitation) => invitation.status === 'accepted' && invitation.approval !== 'refused',
  );
}

export function checkCountersign(
  view: Pick<SessionView, 'status' | 'attendance' | 'invitations'>,
  command: Pick<CountersignCommand, 'halfDayIndex' | 'facilitatorId'>,
  now: Date,
): Violation | null {
  const closed = checkSigningOpen(view);
  if (closed) return closed;
  const halfDay = halfDayOf(view, command.halfDayIndex);
  if (isViolation(halfDay)) return halfDay;
  if (!sessionFacilitators(view).some((invitation) => invitation.facilitator.id === command.facilitatorId))
    return forbidden(
      'NOT_A_FACILITATOR',
      'Only a facilitator of this session may countersign its half-days.',
    );
  if (now.getTime() < Date.parse(halfDay.startsAt))
    return conflict('SIGNING_NOT_OPEN', 'A half-day is countersigned once it has started.', {
      opensAt: halfDay.startsAt,
    });
  return isCountersigned(view.attendance.signing, command.halfDayIndex)
    ? conflict('HALF_DAY_COUNTERSIGNED', 'This half-day is already countersigned.')
    : null;
}

/**
 * The paper path's attendance entry is for sessions whose digital proof has not started: once a
 * facilitator countersigned a half-day, attendance comes from the signatures. Signatures that no
 * one countersigned (no facilitator accepted, the link went to the coordinator) can still give
 * way to the paper sheet, which staff then judge, instead of leaving the session without proof.
 */
export function checkPaperAttendanceAllowed(signing: Signing): Violation | null {
  return signing.countersignatures.length > 0
    ? conflict(
        'ATTENDANCE_SIGNED',
        "This session's attendance comes from its digital signatures: countersign its half-days instead of entering presence.",
      )
    : null;
}
