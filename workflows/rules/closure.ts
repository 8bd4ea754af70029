/**
 * When a mission may close (DESIGN.md §1 step 7): every session ended and every payout requested
 * (usage rights declared, for client introductions). The checklist says what is missing.
 */

import type { Session } from '../messages/domain.ts';
import type { MissionSnapshot } from '../messages/mission.ts';
import type {
  ChecklistGap,
  ChecklistItem,
  CloseMissionCommand,
  DeclareUsageRightsCommand,
  GapSession,
  PayoutLineRequest,
  SessionFacilitatorFact,
} from '../messages/payouts.ts';
import type { MissionPolicy } from '../policy.ts';
import { addDays, businessDate, businessInstant } from './calendar.ts';
import { describeGap } from './closure-gaps.ts';
import { checkMissionAcceptsCommands } from './mission-lifecycle.ts';
import { checkCoordinatorOrStaff, factsOf, holdCounts, lineOf, payoutItems, sheetWaived } from './payouts.ts';
import { unplannedCount } from './planning.ts';
import { attendanceProven } from './signing.ts';
import { conflict, forbidden, invalid, type Violation } from './violation.ts';

const gapSession = (session: Session): GapSession => ({
  title: session.title,
  date: businessDate(new Date(session.startsAt)),
});

/** What the checklist reads of a mission; the API reads the same from its read model. */
export type ClosureView = Pick<MissionSnapshot, 'dealType' | 'orderLines' | 'sessions' | 'settlement'>;

const deliveredSessions = (mission: Pick<MissionSnapshot, 'sessions'>) =>
  mission.sessions.filter((session) => session.status !== 'cancelled');

/** Everyone who facilitated an ended session, once each. */
export function participatingFacilitators(
  mission: Pick<MissionSnapshot, 'sessions' | 'settlement'>,
): SessionFacilitatorFact[] {
  const seen = new Map<string, SessionFacilitatorFact>();
  for (const session of mission.sessions) {
    if (session.status !== 'ended') continue;
    for (const facilitator of factsOf(mission, session.sessionId)?.facilitators ?? [])
      if (!seen.has(facilitator.facilitatorId)) seen.set(facilitator.facilitatorId, facilitator);
  }
  return [...seen.values()];
}

export interface ChecklistGaps {
  item: ChecklistItem['item'];
  blocking: boolean;
  gaps: ChecklistGap[];
}

/** Each checklist item with what it misses, as data; done when nothing is. */
export function closureGaps(mission: ClosureView): ChecklistGaps[] {
  const sessions = deliveredSessions(mission);
  const ended = sessions.filter((session) => session.status === 'ended');
  const unplanned = unplannedCount(mission);
  const item = (name: ChecklistItem['item'], blocking: boolean, gaps: ChecklistGap[]): ChecklistGaps => ({
    item: name,
    blocking,
    gaps,
  });
  const checklist = [
    item('order_delivered', false, unplanned > 0 ? [{ gap: 'sessions_unplanned', count: unplanned }] : []),
    item('sessions_ended', true, [
      ...(sessions.length === 0 ? [{ gap: 'no_session' } as const] : []),
      ...sessions
        .filter((session) => session.status !== 'ended')
        .map((session) => ({ gap: 'session_not_ended', session: gapSession(session) }) as const),
      ...ended
        .filter((session) => !factsOf(mission, session.sessionId))
        .map((session) => ({ gap: 'session_report_missing', session: gapSession(session) }) as const),
    ]),
    // Reported, not blocking: a waiver lets payouts go, but funders may still reject the sheet.
    item(
      'attendance_compliant',
      false,
      ended
        .filter((session) => {
          const attendance = factsOf(mission, session.sessionId)?.attendance;
          return !attendance || !attendanceProven(attendance);
        })
        .map(
          (session): ChecklistGap =>
            sheetWaived(mission, session.sessionId)
              ? { gap: 'sheet_waived', session: gapSession(session) }
              : {
                  gap: 'attendance_unproven',
                  session: gapSession(session),
                  attendance: factsOf(mission, session.sessionId)?.attendance ?? null,
                },
        ),
    ),
    item(
      'certificates_sent',
      false,
      ended
        .filter((session) => !factsOf(mission, session.sessionId)?.certificatesSent)
        .map((session) => ({ gap: 'certificates_missing', session: gapSession(session) }) as const),
    ),
  ];
  if (mission.dealType === 'client_introduction') {
    const declared = new Set(mission.settlement.usageRights.map((declaration) => declaration.facilitatorId));
    checklist.push(
      item(
        'usage_rights_declared',
        true,
        participatingFacilitators(mission)
          .filter((facilitator) => !declared.has(facilitator.facilitatorId))
          .map(
            (facilitator) => ({ gap: 'usage_rights_undeclared', facilitatorName: facilitator.name }) as const,
          ),
      ),
    );
  } else {
    const unrequested = payoutItems(mission).filter((payout) => payout.status !== 'requested');
    checklist.push(
      item(
        'payouts_requested',
        true,
        unrequested.length > 0
          ? [
              {
                gap: 'payouts_not_requested',
                count: unrequested.length,
                holds: holdCounts(unrequested.filter((payout) => payout.status === 'not_eligible')),
              },
            ]
          : [],
      ),
    );
  }
  return checklist;
}

/** The checklist a mission records, its lines in English (closure-gaps.ts says why). */
export function closureChecklist(mission: ClosureView): ChecklistItem[] {
  return closureGaps(mission).map(({ item, blocking, gaps }) => ({
    item,
    done: gaps.length === 0,
    blocking,
    missing: gaps.map((gap) => describeGap(gap, 'en')),
  }));
}

const blockingMissing = (checklist: ChecklistItem[]) =>
  checklist.filter((entry) => entry.blocking && !entry.done).flatMap((entry) => entry.missing);

/** Closes by itself once nothing blocks and the whole order was delivered. */
export function closesAutomatically(mission: MissionSnapshot): boolean {
  if (mission.status !== 'open') return false;
  const checklist = mission.settlement.checklist;
  return (
    blockingMissing(checklist).length === 0 &&
    checklist.every((entry) => entry.item !== 'order_delivered' || entry.done)
  );
}

/** The coordinator may declare closure when nothing blocks, even if part of the order was not used. */
export function checkCloseMission(mission: MissionSnapshot, command: CloseMissionCommand): Violation | null {
  const refused =
    checkCoordinatorOrStaff(command.actor, 'close the mission') ?? checkMissionAcceptsCommands(mission);
  if (refused) return refused;
  const missing = blockingMissing(closureChecklist(mission));
  return missing.length > 0
    ? conflict('CLOSURE_INCOMPLETE', `The mission cannot close yet: ${missing.join('; ')}.`, {
        missing: missing.length,
      })
    : null;
}

/**
 * The coordinator is reminded once, this many days after the last session, while payouts (or
 * usage rights) remain outstanding.
 */
export function closureReminderAt(mission: MissionSnapshot, policy: MissionPolicy): Date | null {
  if (mission.status !== 'open' || mission.settlement.closureReminderSent) return null;
  const sessions = deliveredSessions(mission);
  if (sessions.length === 0 || sessions.some((session) => session.status !== 'ended')) return null;
  const outstanding = closureChecklist(mission).some(
    (entry) => (entry.item === 'payouts_requested' || entry.item === 'usage_rights_declared') && !entry.done,
  );
  if (!outstanding) return null;
  const lastEnd = Math.max(...sessions.map((session) => Date.parse(session.endsAt)));
  return businessInstant(
    addDays(businessDate(new Date(lastEnd)), policy.closureReminderDaysAfterLastSession),
    policy.reminderTimeOfDay,
  );
}

/** Client introductions: facilitators to ask for their declaration, once every session has ended. */
export function usageRightsToRequest(mission: MissionSnapshot): SessionFacilitatorFact[] {
  if (mission.dealType !== 'client_introduction' || mission.status !== 'open') return [];
  const sessions = deliveredSessions(mission);
  if (sessions.length === 0 || sessions.some((session) => session.status !== 'ended')) return [];
  const declared = new Set(mission.settlement.usageRights.map((declaration) => declaration.facilitatorId));
  return participatingFacilitators(mission).filter(
    (facilitator) =>
      !declared.has(facilitator.facilitatorId) &&
      !mission.settlement.usageRightsRequested.includes(facilitator.facilitatorId),
  );
}

export function checkDeclareUsageRights(
  mission: MissionSnapshot,
  command: DeclareUsageRightsCommand,
): Violation | null {
  const refused = checkMissionAcceptsCommands(mission);
  if (refused) return refused;
  if (mission.dealType !== 'client_introduction')
    return conflict(
      'USAGE_RIGHTS_NOT_APPLICABLE',
      'Usage rights are declared on client introductions only; on subcontracted missions the association pays the facilitators.',
    );
  if (command.actor.role === 'facilitator' && command.actor.subject !== command.facilitatorId)
    return forbidden('NOT_YOUR_DECLARATION', 'A facilitator declares their own usage rights only.');
  if (
    !participatingFacilitators(mission).some(
      (facilitator) => facilitator.facilitatorId === command.facilitatorId,
    )
  )
    return conflict(
      'NOT_A_PARTICIPANT',
      'Only a facilitator of a session of this mission that has ended declares usage rights.',
    );
  if (!Number.isInteger(command.revenueCents) || command.revenueCents < 0)
    return invalid('REVENUE_INVALID', 'The revenue is a whole number of cents, zero or more.');
  if (
    mission.settlement.usageRights.some((declaration) => declaration.facilitatorId === command.facilitatorId)
  )
    return conflict('USAGE_RIGHTS_ALREADY_DECLARED', 'These usage rights were already declared.');
  return null;
}

/** The coordinator's payout at closure: one coordination line per session delivered. */
export function coordinationLines(mission: MissionSnapshot): PayoutLineRequest[] {
  if (mission.dealType === 'client_introduction') return [];
  return mission.sessions
    .filter((session) => session.status === 'ended')
    .map((session) => lineOf(session, 'coordination'));
}

export interface InvoiceableSession {
  sessionId: string;
  title: string;
  kind: Session['kind'];
  date: string;
  priceCents: number;
  fundedCents: number;
  clientCents: number;
  funder: string | null;
  agreementNumber: string | null;
}

/** What the billing team invoices: each delivered session's price, split between funder and client. */
export function clientInvoiceSummary(mission: MissionSnapshot): {
  sessions: InvoiceableSession[];
  fundedCents: number;
  clientCents: number;
} {
  const sessions = mission.sessions
    .filter((session) => session.status === 'ended')
    .map((session) => {
      const price = mission.orderLines.find((line) => line.kind === session.kind)?.unitPriceCents ?? 0;
      const billing = factsOf(mission, session.sessionId)?.billing ?? null;
      return {
        sessionId: session.sessionId,
        title: session.title,
        kind: session.kind,
        date: session.startsAt,
        priceCents: billing?.totalCents ?? price,
        fundedCents: billing?.fundedCents ?? 0,
        clientCents: billing?.clientCents ?? price,
        funder: billing?.funder ?? null,
        agreementNumber: billing?.agreementNumber ?? null,
      };
    });
  return {
    sessions,
    fundedCents: sessions.reduce((sum, session) => sum + session.fundedCents, 0),
    clientCents: sessions.reduce((sum, session) => sum + session.clientCents, 0),
  };
}
