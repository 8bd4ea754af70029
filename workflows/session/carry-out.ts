import { getExternalWorkflowHandle, log, ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import { managerApprovalWorkflow } from '../approvals/manager-approval-workflow.ts';
import { approvalWithdrawnSignal, approvalWorkflowId } from '../messages/approval.ts';
import {
  fundingWithdrawnSignal,
  fundingWorkflowId,
  sessionFundingChangedSignal,
} from '../messages/funding.ts';
import { missionWorkflowId, sessionTransitionedSignal } from '../messages/mission.ts';
import { sessionFactsSignal } from '../messages/payouts.ts';
import { sessionRescheduledSignal } from '../messages/session.ts';
import { CLIENT_SILENCE_RULE, MOVE_CHILDREN_WITH_SESSION } from '../patches.ts';
import { silenceRuleFor } from '../rules/manager-silence.ts';
import { attendanceSheetData } from './documents.ts';
import { takeFollowUps } from './follow-ups.ts';
import type { LiveSession } from './live-session.ts';
import { sendProposal } from './send-proposal.ts';
import { buildDocument, projectSessionLocally, sessionActivities } from './session-activities.ts';

const { projectSession, sendEmail, loadCompliance, loadClientSettings, checkSessionAudit } =
  sessionActivities;

const now = () => new Date();

/** A workflow that already finished (a mission cancelled while the session ran) has nothing left to learn. */
const gone = (workflowId: string, what: string) => (error: unknown) =>
  log.warn(`${what} no longer listening`, { workflowId, error });

/**
 * Carries out what a live session owes, kind by kind in the order recorded histories hold (a
 * change of this order changes the commands a session issues: it needs a patch), then the steps
 * that fall due: the consistency check, follow-ups, the compliance recheck, the projection and the
 * facts for the mission.
 */
export async function carryOutEffects(live: LiveSession): Promise<void> {
  const { state, mission: context } = live;
  const sessionId = state.view().sessionId;
  const mission = getExternalWorkflowHandle(missionWorkflowId(context.missionId));
  for (const { status } of live.effects.each('reportStatus'))
    await mission
      .signal(sessionTransitionedSignal, { sessionId, status, at: new Date().toISOString() })
      .catch(gone(mission.workflowId, `mission (session ${status})`));
  for (const { invitationId } of live.effects.each('startApproval')) {
    // The client's rule as it stands when the approval starts; approvals started before clients
    // had settings follow the worker's default, as they did.
    const silenceRule =
      live.features.baseline || patched(CLIENT_SILENCE_RULE)
        ? silenceRuleFor(
            (await loadClientSettings(context.clientName)).managerSilence,
            live.policy.managerSilence,
          )
        : undefined;
    const approval = live.staffing.approvalInput(invitationId, silenceRule);
    await startChild(managerApprovalWorkflow, {
      workflowId: approvalWorkflowId(invitationId),
      args: [approval],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: `Manager approval for ${approval.facilitatorName}`,
    });
  }
  // Sessions moved before their children followed them leave the children's deadlines as they were.
  if (live.effects.take('moveChildren') && (live.features.baseline || patched(MOVE_CHILDREN_WITH_SESSION)))
    await moveChildren(live);
  for (const { invitationId } of live.effects.each('withdrawApproval')) {
    const workflowId = approvalWorkflowId(invitationId);
    await getExternalWorkflowHandle(workflowId)
      .signal(approvalWithdrawnSignal)
      .catch(gone(workflowId, 'approval'));
  }
  await project(live);
  await sendEmails(live);
  if (live.funding.proposalPending()) {
    await sendProposal(live, now());
    live.effects.take('sendProposal');
  }
  if (live.effects.take('withdrawFunding')) {
    const workflowId = fundingWorkflowId(sessionId);
    await getExternalWorkflowHandle(workflowId)
      .signal(fundingWithdrawnSignal)
      .catch(gone(workflowId, 'funding workflow'));
  }
  for (const { awaiting } of live.effects.each('reportFunding'))
    await mission
      .signal(sessionFundingChangedSignal, { sessionId, awaiting })
      .catch(gone(mission.workflowId, 'mission (funding changes)'));
  if (live.effects.take('buildAttendanceSheet')) {
    const data = attendanceSheetData(context, state.view());
    const stored = await buildDocument({ kind: 'attendanceSheet', data }, sessionId);
    if (stored) state.attendanceSheetGenerated(stored.documentId);
  }
  await auditBeforeCertificates(live, now());
  await takeFollowUps(live, now());
  const recheck = live.staffing.complianceRecheckAt();
  if (recheck !== null && recheck <= Date.now()) {
    await recheckCompliance(live, now());
    await sendEmails(live);
  }
  await project(live);
  // Tells the mission what payouts and closure need, each time it changes.
  const facts = live.reporting.factsToReport();
  if (facts)
    await mission
      .signal(sessionFactsSignal, facts)
      .catch(gone(mission.workflowId, 'mission (session facts)'));
}

/** An e-mail stays queued until sent: a coordinator's message is answered once its e-mails went. */
async function sendEmails(live: LiveSession): Promise<void> {
  for (let effect = live.effects.next('email'); effect; effect = live.effects.next('email')) {
    await sendEmail(effect.email);
    live.effects.done(effect);
  }
}

async function project(live: LiveSession): Promise<void> {
  if (!live.state.needsProjection()) return;
  const change = live.state.takeProjection();
  if (live.features.leanCommands) await projectSessionLocally(change);
  else await projectSession(change);
  live.state.markProjected(change.version);
}

/** The funding and approval deadlines count from the session's date: they follow it when it moves. */
async function moveChildren(live: LiveSession): Promise<void> {
  const moved = { startsAt: live.state.startsAt, endsAt: live.state.endsAt };
  const children = live.childrenToMove();
  const workflowIds = [
    ...children.approvals.map(approvalWorkflowId),
    ...(children.funding ? [fundingWorkflowId(live.view().sessionId)] : []),
  ];
  for (const workflowId of workflowIds)
    await getExternalWorkflowHandle(workflowId)
      .signal(sessionRescheduledSignal, moved)
      .catch(gone(workflowId, 'child waiting for the session date'));
}

/** Before certificates go out, the documents must agree (an activity reads the facts, the rule decides). */
async function auditBeforeCertificates(live: LiveSession, at: Date): Promise<void> {
  if (!live.reporting.auditDue(at, live.followUpOptions())) return;
  const { findings } = await checkSessionAudit({
    missionId: live.mission.missionId,
    sessionId: live.view().sessionId,
  });
  const email = live.reporting.mismatchToTell(findings, at);
  if (email) await sendEmail(email);
  live.reporting.audited(findings, at);
}

/**
 * Compliance lapses between invitation and session: shortly before the start each facilitator
 * counting on the session is checked again against the directory.
 */
async function recheckCompliance(live: LiveSession, at: Date): Promise<void> {
  const facilitators = live.staffing.complianceFacilitators();
  const current = facilitators.length > 0 ? await loadCompliance(facilitators.map((f) => f.id)) : {};
  live.staffing.complianceRechecked(facilitators, current, at);
}
