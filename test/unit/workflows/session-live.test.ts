import { describe, expect, it } from 'vitest';
import type { SetFundingCommand } from '../../../workflows/messages/funding.ts';
import type { SessionEffect, SessionFeatures } from '../../../workflows/messages/session.ts';
import type { InviteFacilitatorCommand } from '../../../workflows/messages/staffing.ts';
import { DEFAULT_SESSION_POLICY } from '../../../workflows/policy.ts';
import type { AuditHoldFinding } from '../../../workflows/rules/audit-consistency.ts';
import { CURRENT_SESSION } from '../../../workflows/session/features.ts';
import { LiveSession } from '../../../workflows/session/live-session.ts';
import { coordinator, DAY, HOUR, later, NOW, session, staff } from '../support/mission-fixture.ts';

const STARTS = new Date('2027-03-02T09:00:00.000Z');
const ENDS = new Date('2027-03-02T12:00:00.000Z');

const newSession = (features: Partial<SessionFeatures> = {}) =>
  new LiveSession(
    {
      missionId: 'mission-1',
      title: 'Ateliers',
      clientName: 'Acme',
      sector: 'company',
      coordinator: { id: 'coordinator-1', name: 'Alex', email: 'alex@example.org' },
      unitPriceCents: 90_000,
    },
    session(),
    DEFAULT_SESSION_POLICY,
    { ...CURRENT_SESSION, ...features },
  );

const invite = (invitationId: string, managerEmail: string | null = null): InviteFacilitatorCommand => ({
  actor: coordinator,
  invitationId,
  facilitator: {
    id: `facilitator-${invitationId}`,
    name: `Facilitator ${invitationId}`,
    email: `${invitationId}@example.org`,
    compliance: { trainingProviderNumber: null, complianceCheckedOn: null, compliantUntil: null },
    managerEmail,
  },
  facilitatorStatus: managerEmail ? 'internal' : 'paid',
});

/** The queued effects, e-mails as their template and recipient. */
const described = (effects: SessionEffect[]) =>
  effects.map((effect) =>
    effect.kind === 'email'
      ? `email ${effect.email.template} to ${typeof effect.email.to === 'string' ? effect.email.to : effect.email.to.email}`
      : effect.kind,
  );
const queued = (live: LiveSession) => described(live.effects.list());
const clear = (live: LiveSession) => {
  for (const effect of live.effects.list()) live.effects.take(effect.kind);
};

const registerOne = (live: LiveSession) =>
  live.attendance.participantsChanged(
    live.state.register(
      {
        actor: coordinator,
        participants: [{ participantId: 'p1', email: 'p1@example.org', firstName: 'Ana', lastName: 'Lopez' }],
      },
      NOW,
    ),
  );

const opcoFunding: SetFundingCommand = {
  actor: coordinator,
  request: {
    kind: 'opco',
    client: {
      type: 'company',
      companyName: 'Acme',
      siret: '12345678901234',
      managerName: 'Kim',
      trainingContactName: null,
      phone: '0102030405',
      address: { street: '1 rue de Rivoli', postalCode: '75001', city: 'Paris' },
      trainingPlace: 'Paris',
      contactEmail: 'contact@acme.example',
    },
    expenses: [],
  },
};

const awaitingFunder = () => {
  const live = newSession();
  live.state.setFunding(opcoFunding, NOW);
  live.state.proposalSent(['doc-1'], 'P-1', NOW);
  return live;
};

const auditDue = (live: LiveSession, at: Date) => live.reporting.auditDue(at, live.followUpOptions());

const finding: AuditHoldFinding = {
  code: 'AGREEMENT_MISSING',
  documentIds: ['doc-1'],
  problem: { fr: 'Convention absente', en: 'Agreement missing' },
  fix: { fr: 'Ajouter la convention', en: 'Add the agreement' },
} as AuditHoldFinding;

/** Ended, one participant present and the sheet confirmed: a certificate is due. */
const certificateDue = (features: Partial<SessionFeatures> = {}) => {
  const live = newSession(features);
  registerOne(live);
  live.advance(STARTS);
  live.advance(ENDS);
  live.state.recordAttendance(
    { actor: coordinator, presence: [{ participantId: 'p1', halfDays: [true] }] },
    ENDS,
  );
  live.state.signedSheetUploaded({ actor: coordinator, documentId: 'sheet-1' }, ENDS);
  live.state.sheetVerdict({ actor: coordinator, compliant: true }, ENDS);
  clear(live);
  return live;
};

describe('a live session: staffing', () => {
  it('queues the invitation e-mail to the facilitator it invites', () => {
    const live = newSession();
    live.staffing.invite(invite('i1'), NOW);
    expect(queued(live)).toEqual(['email facilitatorInvitation to i1@example.org']);
  });

  it('starts the manager approval after telling the coordinator, when an employee accepts in working time', () => {
    const live = newSession();
    live.staffing.invite(invite('i1', 'boss@example.org'), NOW);
    clear(live);
    live.staffing.respond({ invitationId: 'i1', response: 'accept', duringWorkingTime: true }, NOW);
    expect(queued(live)).toEqual(['email invitationOutcome to alex@example.org', 'startApproval']);
  });

  it('withdraws the manager approval of a facilitator who withdraws while it runs', () => {
    const live = newSession();
    live.staffing.invite(invite('i1', 'boss@example.org'), NOW);
    live.staffing.respond({ invitationId: 'i1', response: 'accept', duringWorkingTime: true }, NOW);
    clear(live);
    live.staffing.withdraw('i1', NOW);
    expect(live.effects.list()[0]).toEqual({ kind: 'withdrawApproval', invitationId: 'i1' });
  });

  it('builds the approval workflow input from the invitation and the client rule', () => {
    const live = newSession();
    live.staffing.invite(invite('i1', 'boss@example.org'), NOW);
    live.staffing.respond({ invitationId: 'i1', response: 'accept', duringWorkingTime: true }, NOW);
    const rule = { outcome: 'approve' as const, afterDays: 3 };
    expect(live.staffing.approvalInput('i1', rule as never)).toMatchObject({
      invitationId: 'i1',
      managerEmail: 'boss@example.org',
      facilitatorName: 'Facilitator i1',
      silenceRule: rule,
    });
  });

  it('reminds a pending invitation after its reminder delay, then lets it expire', () => {
    const live = newSession();
    live.staffing.invite(invite('i1'), NOW);
    clear(live);
    expect(live.nextDue(NOW.getTime())).toBe(later(NOW, 3 * DAY).getTime());
    live.advance(later(NOW, 3 * DAY));
    expect(queued(live)).toEqual(['email invitationReminder to i1@example.org']);
    clear(live);
    live.advance(later(NOW, 7 * DAY));
    expect(queued(live)).toEqual(['email invitationOutcome to alex@example.org']);
    expect(live.view().invitations.map((invitation) => invitation.status)).toEqual(['expired']);
  });
});

describe('a live session: its dates', () => {
  it('queues one move of its children however often it moves, and looks at its timers again', () => {
    const live = newSession();
    live.rescheduled({ startsAt: '2027-03-09T09:00:00.000Z', endsAt: '2027-03-09T12:00:00.000Z' });
    live.rescheduled({ startsAt: '2027-03-10T09:00:00.000Z', endsAt: '2027-03-10T12:00:00.000Z' });
    expect(queued(live)).toEqual(['moveChildren']);
    expect(live.workings().woken).toBe(true);
  });

  it('does not move once started', () => {
    const live = newSession();
    live.advance(STARTS);
    expect(
      live.rescheduled({ startsAt: '2027-03-09T09:00:00.000Z', endsAt: '2027-03-09T12:00:00.000Z' }),
    ).toBe(false);
  });

  it('starts and ends at its times, reports each to the mission and says its next deadline', () => {
    const live = newSession();
    expect(live.advance(STARTS)).toEqual([ENDS.toISOString()]);
    expect(queued(live)).toEqual(['reportStatus', 'email attendanceSigningLink to alex@example.org']);
    clear(live);
    expect(live.advance(ENDS)).toEqual([null]);
    expect(live.effects.list()).toEqual([{ kind: 'reportStatus', status: 'ended' }]);
  });

  it('sends no signing link at the start of sessions started before digital signing', () => {
    const live = newSession({ sendsSigningLink: false });
    live.advance(STARTS);
    expect(queued(live)).toEqual(['reportStatus']);
  });

  it('sleeps until the compliance recheck before the start, then until the start and the end', () => {
    const live = newSession();
    expect(live.nextDue(NOW.getTime())).toBe(later(STARTS, -3 * DAY).getTime());
    live.staffing.complianceRechecked([], {}, NOW);
    expect(live.nextDue(NOW.getTime())).toBe(STARTS.getTime());
    live.advance(STARTS);
    expect(live.nextDue(STARTS.getTime())).toBe(ENDS.getTime());
  });
});

describe('a live session: cancellation', () => {
  it('withdraws pending approvals and the funder, tells participants and facilitators and the mission', () => {
    const live = awaitingFunder();
    live.staffing.invite(invite('i1', 'boss@example.org'), NOW);
    live.staffing.respond({ invitationId: 'i1', response: 'accept', duringWorkingTime: true }, NOW);
    registerOne(live);
    clear(live);
    live.cancelled('client request', true);
    expect(queued(live)).toEqual([
      'withdrawApproval',
      'email sessionCancelledParticipant to p1@example.org',
      'email sessionCancelledFacilitator to i1@example.org',
      'withdrawFunding',
      'reportFunding',
    ]);
    expect(live.view().status).toBe('cancelled');
  });

  it('tells participants only, for sessions cancelled before facilitators were told', () => {
    const live = newSession();
    live.staffing.invite(invite('i1'), NOW);
    registerOne(live);
    clear(live);
    live.cancelled('client request', false);
    expect(queued(live)).toEqual(['email sessionCancelledParticipant to p1@example.org']);
  });
});

describe('a live session: participants and attendance', () => {
  it('rebuilds the attendance sheet once for several changes of participants', () => {
    const live = newSession();
    registerOne(live);
    live.attendance.participantsChanged(live.state.remove({ actor: coordinator, participantId: 'p1' }, NOW));
    expect(queued(live)).toEqual(['buildAttendanceSheet']);
  });

  it('rebuilds the sheet for a countersignature after the end only', () => {
    const live = newSession();
    registerOne(live);
    clear(live);
    live.advance(STARTS);
    clear(live);
    const countersign = {
      facilitatorId: 'f1',
      halfDayIndex: 0,
      signatureId: 's1',
      signedAt: ENDS.toISOString(),
    };
    live.attendance.countersign(countersign as never, ENDS);
    expect(live.effects.has('buildAttendanceSheet')).toBe(false);
    live.advance(ENDS);
    clear(live);
    live.attendance.countersign(countersign as never, ENDS);
    expect(live.effects.has('buildAttendanceSheet')).toBe(true);
  });

  it('flags sent certificates a non-compliant sheet had backed and tells staff', () => {
    const live = certificateDue();
    live.state.certificateIssued('p1', 3, 'cert-1', ENDS);
    live.attendance.sheetVerdict({ actor: staff, compliant: false, reason: 'unsigned' }, ENDS, true);
    expect(queued(live)).toEqual([expect.stringMatching(/^email certificatesUnbacked to /)]);
    expect(live.view().certificates.map((certificate) => certificate.flag)).toEqual(['non_compliant_sheet']);
  });

  it('flags nothing for sessions started before that rule', () => {
    const live = certificateDue();
    live.state.certificateIssued('p1', 3, 'cert-1', ENDS);
    live.attendance.sheetVerdict({ actor: staff, compliant: false, reason: 'unsigned' }, ENDS, false);
    expect(live.effects.list()).toEqual([]);
  });

  it('answers a coordinator message once its e-mails are sent', () => {
    const live = newSession();
    registerOne(live);
    clear(live);
    const sent = live.sendMessage(
      { actor: coordinator, messageId: 'm1', audience: 'participants', subject: 'Salle', body: 'Salle B' },
      NOW,
    );
    expect(sent.recipients).toBe(1);
    expect(live.effects.sending(sent.emailKeys)).toBe(true);
    live.effects.take('email');
    expect(live.effects.sending(sent.emailKeys)).toBe(false);
  });
});

describe('a live session: funding', () => {
  it('queues the proposal once however often it is asked, and keeps it pending until sent', () => {
    const live = newSession();
    live.funding.requestProposal();
    live.funding.requestProposal();
    expect(queued(live)).toEqual(['sendProposal']);
    expect(live.funding.proposalPending()).toBe(true);
  });

  it('starts the funding workflow once per session', () => {
    const live = newSession();
    expect(live.funding.start()).toBe(true);
    expect(live.funding.start()).toBe(false);
    expect(live.workings().fundingStarted).toBe(true);
  });

  it('tells the mission and the coordinator of the funder decision', () => {
    const live = awaitingFunder();
    live.funding.decided({ decision: { outcome: 'full' }, automatic: false }, NOW);
    expect(live.effects.list()[0]).toEqual({ kind: 'reportFunding', awaiting: false });
    expect(queued(live)[1]).toBe('email fundingDecided to alex@example.org');
    expect(live.view().funding.status).toBe('funded');
  });

  it('ignores a decision nobody awaits', () => {
    const live = newSession();
    live.funding.decided({ decision: { outcome: 'full' }, automatic: false }, NOW);
    expect(live.effects.list()).toEqual([]);
  });

  it('moves the funding workflow with the session only once it was started and still awaits', () => {
    const live = awaitingFunder();
    expect(live.childrenToMove().funding).toBe(false);
    live.funding.start();
    expect(live.childrenToMove().funding).toBe(true);
  });
});

describe('a live session: reporting and the consistency check', () => {
  it('reports its facts to the mission once until they change, not those a planned session started with', () => {
    const live = newSession();
    expect(live.reporting.factsToReport()).toBeNull();
    live.staffing.invite(invite('i1'), NOW);
    live.staffing.respond({ invitationId: 'i1', response: 'accept' }, NOW);
    expect(live.reporting.factsToReport()).toMatchObject({
      sessionId: 'session-1',
      facilitators: [{ facilitatorId: 'facilitator-i1' }],
    });
    expect(live.reporting.factsToReport()).toBeNull();
    registerOne(live);
    live.advance(STARTS);
    live.advance(ENDS);
    live.state.recordAttendance(
      { actor: coordinator, presence: [{ participantId: 'p1', halfDays: [true] }] },
      ENDS,
    );
    expect(live.reporting.factsToReport()).toMatchObject({ attendance: 'recorded' });
    expect(live.workings().reportedFacts).toMatchObject({ attendance: 'recorded' });
  });

  it('reports the facts it started with once it runs, so an ended session is never unreported', () => {
    const live = newSession();
    expect(live.reporting.factsToReport()).toBeNull();
    live.advance(STARTS);
    expect(live.reporting.factsToReport()).toMatchObject({ facilitators: [], attendance: 'pending' });
  });

  it('reports the facts it started with at once, for sessions started before lean commands', () => {
    expect(newSession({ leanCommands: false }).reporting.factsToReport()).toMatchObject({
      sessionId: 'session-1',
      attendance: 'pending',
    });
  });

  it('reports nothing for sessions started before payouts, nor once cancelled', () => {
    expect(newSession({ reportsFacts: false }).reporting.factsToReport()).toBeNull();
    const cancelled = newSession();
    cancelled.cancelled('client request', true);
    expect(cancelled.reporting.factsToReport()).toBeNull();
  });

  it('checks the documents when certificates are due, not before', () => {
    expect(auditDue(newSession(), ENDS)).toBe(false);
    expect(auditDue(certificateDue(), later(ENDS, HOUR))).toBe(true);
  });

  it('holds certificates on a mismatch, tells staff once per set of findings, checks again a day later', () => {
    const live = certificateDue();
    const at = later(ENDS, HOUR);
    expect(live.reporting.mismatchToTell([finding], at)?.template).toBe('auditMismatch');
    live.reporting.audited([finding], at);
    expect(live.reporting.mismatchToTell([finding], at)).toBeNull();
    expect(live.followUpOptions().certificatesHeld).toBe(true);
    expect(live.reporting.factsToReport()).toMatchObject({ auditHold: true });
    expect(auditDue(live, later(at, HOUR))).toBe(false);
    expect(auditDue(live, later(at, DAY))).toBe(true);
    expect(live.nextDue(at.getTime())).toBe(later(at, DAY).getTime());
  });

  it('releases the hold when the documents agree again', () => {
    const live = certificateDue();
    live.reporting.audited([finding], ENDS);
    live.reporting.audited([], later(ENDS, DAY));
    expect(live.reporting.holdActive()).toBe(false);
    expect(live.followUpOptions().certificatesHeld).toBe(false);
  });

  it('lets staff release held certificates, which wakes the loop and stops checking', () => {
    const live = certificateDue();
    live.reporting.audited([finding], ENDS);
    live.releaseAuditHold(staff, ENDS);
    expect(live.reporting.holdActive()).toBe(false);
    expect(live.workings()).toMatchObject({ woken: true, auditReleased: true });
    expect(auditDue(live, later(ENDS, 2 * DAY))).toBe(false);
  });

  it('does not check sessions started before the check', () => {
    expect(auditDue(certificateDue({ auditsBeforeCertificates: false }), later(ENDS, HOUR))).toBe(false);
  });
});

describe('a live session: its loop', () => {
  it('has work for a move of its children alone, which it may have been past when the move came', () => {
    const live = newSession();
    live.state.markProjected(live.state.takeProjection().version);
    live.rescheduled({ startsAt: '2027-03-09T09:00:00.000Z', endsAt: '2027-03-09T12:00:00.000Z' });
    live.settled();
    live.state.markProjected(live.state.takeProjection().version);
    expect(live.hasWork()).toBe(true);
    live.effects.take('moveChildren');
    expect(live.hasWork()).toBe(false);
  });

  it('has work for any queued effect but a move of its children alone, for sessions started before lean commands', () => {
    const live = newSession({ leanCommands: false });
    live.state.takeProjection();
    live.state.markProjected(live.state.takeProjection().version);
    live.rescheduled({ startsAt: '2027-03-09T09:00:00.000Z', endsAt: '2027-03-09T12:00:00.000Z' });
    live.settled();
    live.state.markProjected(live.state.takeProjection().version);
    expect(live.hasWork()).toBe(false);
    live.funding.requestProposal();
    expect(live.hasWork()).toBe(true);
  });

  it('shows its queue and bookkeeping in the query answer beside the view', () => {
    const live = newSession({ sendsSigningLink: false });
    live.funding.requestProposal();
    const answer = live.answer();
    expect(answer.status).toBe('planned');
    expect(answer.workings).toMatchObject({
      effects: [{ kind: 'sendProposal' }],
      features: { sendsSigningLink: false },
      fundingStarted: false,
      auditHold: null,
      reportedFacts: null,
    });
  });

  it('shows in its query how far the read model is behind', () => {
    const live = newSession();
    live.staffing.invite(invite('i1'), NOW);
    expect(live.workings().projection).toEqual({ version: 1, projected: 0, auditPending: 1 });
    const change = live.state.takeProjection();
    live.state.markProjected(change.version);
    expect(live.workings().projection).toEqual({ version: 1, projected: 1, auditPending: 0 });
  });

  it('recheck of compliance tells of facilitators who no longer qualify', () => {
    const live = newSession();
    live.staffing.invite(invite('i1'), NOW);
    live.staffing.respond({ invitationId: 'i1', response: 'accept' }, NOW);
    clear(live);
    const recheckAt = live.staffing.complianceRecheckAt();
    expect(recheckAt).not.toBeNull();
    live.staffing.complianceRechecked(
      live.staffing.complianceFacilitators(),
      { 'facilitator-i1': null },
      new Date(recheckAt ?? 0),
    );
    expect(live.view().complianceRecheck.issues.map((issue) => issue.facilitatorId)).toEqual([
      'facilitator-i1',
    ]);
    expect(queued(live).length).toBeGreaterThan(0);
    expect(live.staffing.complianceRecheckAt()).toBeNull();
  });
});
