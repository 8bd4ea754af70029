/**
 * Which payouts a coordinator may request, and when (DESIGN.md §5): a paid facilitator on an
 * ended session with attendance recorded and a compliant (or waived) sheet, once per calendar
 * month and mission, every eligible item at once.
 */
import type { Actor } from '../messages/actor.ts';
import type { Session } from '../messages/domain.ts';
import type { MissionSnapshot } from '../messages/mission.ts';
import type {
  PayoutHoldReason,
  PayoutItem,
  PayoutLineRequest,
  PayoutRequestRecord,
  ProviderPayoutRef,
  SessionFacts,
  WaiveSheetCommand,
} from '../messages/payouts.ts';
import { businessDate, businessMonth, firstDayOfNextMonth, frenchDate } from './calendar.ts';
import { checkMissionAcceptsCommands, checkStaff } from './mission-lifecycle.ts';
import { attendanceProven } from './signing.ts';
import { conflict, forbidden, invalid, notFound, type Violation } from './violation.ts';

type SettlementView = Pick<MissionSnapshot, 'dealType' | 'sessions' | 'settlement'>;

const keyOf = (sessionId: string, facilitatorId: string) => `${sessionId}:${facilitatorId}`;

export function factsOf(
  mission: Pick<MissionSnapshot, 'settlement'>,
  sessionId: string,
): SessionFacts | null {
  return mission.settlement.sessionFacts.find((facts) => facts.sessionId === sessionId) ?? null;
}

export function sheetWaived(mission: Pick<MissionSnapshot, 'settlement'>, sessionId: string): boolean {
  return mission.settlement.sheetWaivers.some((waiver) => waiver.sessionId === sessionId);
}

/** Why a paid facilitator's payout for a session cannot be requested yet; empty when it can. */
export function holdReasons(session: Session, facts: SessionFacts, waived: boolean): PayoutHoldReason[] {
  if (session.status !== 'ended') return ['SESSION_NOT_ENDED'];
  const reasons = attendanceHoldReasons(facts, waived);
  // Documents that disagree hold the session's payouts with its certificates (DESIGN.md §5).
  return reasons.length === 0 && facts.auditHold ? ['AUDIT_MISMATCH'] : reasons;
}

function attendanceHoldReasons(facts: SessionFacts, waived: boolean): PayoutHoldReason[] {
  switch (facts.attendance) {
    case 'pending':
      return ['ATTENDANCE_NOT_RECORDED'];
    case 'compliant':
    case 'signed':
      return [];
    case 'non_compliant':
      return waived ? [] : ['SHEET_NON_COMPLIANT'];
    default:
      return waived ? [] : ['SHEET_NOT_CONFIRMED'];
  }
}

/** Every payout item of the mission with its status; client introductions have none. */
export function payoutItems(mission: SettlementView): PayoutItem[] {
  if (mission.dealType === 'client_introduction') return [];
  const requested = new Map<string, { requestId: string; payoutId: string }>();
  for (const request of mission.settlement.requests)
    for (const payout of request.payouts)
      for (const line of payout.lines)
        if (line.sessionId)
          requested.set(keyOf(line.sessionId, payout.providerId), {
            requestId: request.requestId,
            payoutId: payout.payoutId,
          });
  const items: PayoutItem[] = [];
  for (const session of mission.sessions) {
    const facts = factsOf(mission, session.sessionId);
    if (session.status === 'cancelled' || !facts) continue;
    const waived = sheetWaived(mission, session.sessionId);
    for (const facilitator of facts.facilitators) {
      if (facilitator.status !== 'paid') continue;
      const base = {
        sessionId: session.sessionId,
        facilitatorId: facilitator.facilitatorId,
        facilitatorName: facilitator.name,
        role: facilitator.role,
      };
      const done = requested.get(keyOf(session.sessionId, facilitator.facilitatorId));
      if (done) {
        items.push({ ...base, status: 'requested', holdReasons: [], ...done });
        continue;
      }
      const reasons = holdReasons(session, facts, waived);
      items.push({
        ...base,
        status: reasons.length > 0 ? 'not_eligible' : 'eligible',
        holdReasons: reasons,
        requestId: null,
        payoutId: null,
      });
    }
  }
  return items;
}

/** Whether a request may be sent this month and, if not, when the next window opens. */
export function payoutWindow(
  mission: Pick<MissionSnapshot, 'settlement'>,
  now: Date,
): { open: true } | { open: false; lastRequestedOn: string; nextOpensOn: string } {
  const month = businessMonth(now);
  const last = mission.settlement.requests.find((request) => request.month === month);
  if (!last) return { open: true };
  return {
    open: false,
    lastRequestedOn: businessDate(new Date(last.requestedAt)),
    nextOpensOn: firstDayOfNextMonth(month),
  };
}

const HOLD_PHRASES: Record<PayoutHoldReason, [string, string]> = {
  SESSION_NOT_ENDED: ['waits for its session to end', 'wait for their session to end'],
  ATTENDANCE_NOT_RECORDED: ['waits for attendance to be recorded', 'wait for attendance to be recorded'],
  SHEET_NOT_CONFIRMED: [
    'waits for the signed sheet to be confirmed compliant',
    'wait for the signed sheet to be confirmed compliant',
  ],
  SHEET_NON_COMPLIANT: [
    'has a non-compliant sheet (staff may waive it)',
    'have a non-compliant sheet (staff may waive it)',
  ],
  AUDIT_MISMATCH: [
    "waits for its session's documents to agree (staff were told)",
    "wait for their session's documents to agree (staff were told)",
  ],
};

/** How many items each hold reason keeps back, in the order first met. */
export function holdCounts(items: PayoutItem[]): { reason: PayoutHoldReason; count: number }[] {
  const counts = new Map<PayoutHoldReason, number>();
  for (const item of items)
    for (const reason of item.holdReasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count }));
}

/** "2 wait for attendance to be recorded; 1 waits for its session to end" */
export const describeHoldCounts = (counts: { reason: PayoutHoldReason; count: number }[]): string =>
  counts.map(({ reason, count }) => `${count} ${HOLD_PHRASES[reason][count === 1 ? 0 : 1]}`).join('; ');

export const describeHolds = (items: PayoutItem[]): string => describeHoldCounts(holdCounts(items));

export function checkCoordinatorOrStaff(actor: Actor, action: string): Violation | null {
  return actor.role === 'staff' || actor.role === 'coordinator'
    ? null
    : forbidden('COORDINATOR_ONLY', `Only the mission's coordinator or staff may ${action}.`);
}

export function checkRequestPayouts(mission: MissionSnapshot, actor: Actor, now: Date): Violation | null {
  const refused =
    checkCoordinatorOrStaff(actor, 'request payouts') ??
    checkMissionAcceptsCommands(mission) ??
    (mission.dealType === 'client_introduction'
      ? conflict(
          'NO_PAYOUTS_FOR_CLIENT_INTRODUCTION',
          'This mission is a client introduction: the association pays no payouts; facilitators declare their usage rights instead.',
        )
      : null);
  if (refused) return refused;
  const window = payoutWindow(mission, now);
  if (!window.open)
    return conflict(
      'PAYOUT_WINDOW_CLOSED',
      `Payouts were already requested for this mission on ${frenchDate(window.lastRequestedOn)}: one request per calendar month. The next window opens on ${frenchDate(window.nextOpensOn)}.`,
      { nextWindowOpensOn: window.nextOpensOn, lastRequestedOn: window.lastRequestedOn },
    );
  const items = payoutItems(mission);
  if (items.some((item) => item.status === 'eligible')) return null;
  const held = items.filter((item) => item.status === 'not_eligible');
  if (held.length > 0)
    return conflict('NOTHING_TO_REQUEST', `Nothing can be requested yet: ${describeHolds(held)}.`, {
      held: held.length,
    });
  return conflict(
    'NOTHING_TO_REQUEST',
    items.length > 0
      ? 'Every payout of this mission has already been requested.'
      : 'Nothing to request: no paid facilitator has taken part in a session of this mission yet.',
    { held: 0 },
  );
}

/** The payout lines of a session for one of its people. */
export function lineOf(session: Session, role: PayoutLineRequest['role']): PayoutLineRequest {
  return {
    sessionId: session.sessionId,
    kind: session.kind,
    role,
    title: session.title,
    date: session.startsAt,
  };
}

/** A request takes every eligible item, grouped into one payout per provider. */
export function payoutRequestOf(
  mission: MissionSnapshot,
  requestId: string,
  actor: Actor,
  now: Date,
  newPayoutId: () => string,
): PayoutRequestRecord {
  const payouts = new Map<string, ProviderPayoutRef>();
  for (const item of payoutItems(mission)) {
    if (item.status !== 'eligible') continue;
    const session = mission.sessions.find((candidate) => candidate.sessionId === item.sessionId);
    const facilitator = factsOf(mission, item.sessionId)?.facilitators.find(
      (candidate) => candidate.facilitatorId === item.facilitatorId,
    );
    if (!session || !facilitator) continue;
    let payout = payouts.get(item.facilitatorId);
    if (!payout) {
      payout = {
        payoutId: newPayoutId(),
        providerId: facilitator.facilitatorId,
        providerName: facilitator.name,
        providerEmail: facilitator.email,
        lines: [],
        started: false,
      };
      payouts.set(item.facilitatorId, payout);
    }
    payout.lines.push(lineOf(session, item.role));
  }
  return {
    requestId,
    requestedAt: now.toISOString(),
    requestedBy: actor,
    month: businessMonth(now),
    payouts: [...payouts.values()],
  };
}

export function checkWaiveSheet(mission: MissionSnapshot, command: WaiveSheetCommand): Violation | null {
  const refused =
    checkStaff(command.actor, 'waive an attendance sheet') ?? checkMissionAcceptsCommands(mission);
  if (refused) return refused;
  const session = mission.sessions.find((candidate) => candidate.sessionId === command.sessionId);
  if (!session || session.status === 'cancelled')
    return notFound('SESSION_NOT_FOUND', `This mission has no session ${command.sessionId} to pay.`);
  if (command.reason.trim() === '') return invalid('REASON_REQUIRED', 'Say why the sheet is waived.');
  const facts = factsOf(mission, command.sessionId);
  if (session.status !== 'ended' || !facts || facts.attendance === 'pending')
    return conflict(
      'ATTENDANCE_NOT_RECORDED',
      'Attendance must be recorded before the sheet can be waived: a waiver covers the sheet, not the attendance.',
    );
  if (attendanceProven(facts.attendance))
    return conflict('SHEET_ALREADY_COMPLIANT', 'This session’s sheet is already compliant.');
  if (sheetWaived(mission, command.sessionId))
    return conflict('SHEET_ALREADY_WAIVED', 'This session’s sheet was already waived.');
  return null;
}
