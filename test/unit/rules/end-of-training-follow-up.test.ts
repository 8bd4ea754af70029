import { describe, expect, it } from 'vitest';
import type { SessionKind } from '../../../workflows/messages/domain.ts';
import { DEFAULT_SESSION_POLICY } from '../../../workflows/policy.ts';
import { dueFollowUps, type FollowUpOptions, nextFollowUpAt } from '../../../workflows/rules/follow-up.ts';
import { SessionState } from '../../../workflows/session/session-state.ts';
import { coordinator, session } from '../support/mission-fixture.ts';

const AFTER = new Date('2027-03-02T13:00:00Z');
const ASSESSES: FollowUpOptions = { certificatesAwaitProof: true, endOfTrainingAssessment: true };
const BEFORE_ASSESSMENTS: FollowUpOptions = { certificatesAwaitProof: true };
const DEADLINE = new Date(AFTER.getTime() + 14 * 24 * 3600_000);

/** A morning session that ended, its one participant's certificate sent on a confirmed sheet. */
function certified(kind: SessionKind): SessionState {
  const state = new SessionState(
    {
      missionId: 'mission-1',
      title: 'Formations',
      clientName: 'Acme',
      sector: 'company',
      coordinator: { id: 'coordinator-1', name: 'Alex', email: 'alex@example.org' },
      unitPriceCents: 90_000,
    },
    session({ kind }),
  );
  state.register(
    {
      actor: coordinator,
      participants: [{ participantId: 'p1', email: 'p1@example.org', firstName: 'Ana', lastName: 'Lopez' }],
    },
    new Date('2027-02-01T10:00:00Z'),
  );
  state.transition('running');
  state.transition('ended');
  state.recordAttendance(
    { actor: coordinator, presence: [{ participantId: 'p1', halfDays: [true] }] },
    AFTER,
  );
  state.signedSheetUploaded({ actor: coordinator, documentId: 'sheet-1' }, AFTER);
  state.sheetVerdict({ actor: coordinator, compliant: true }, AFTER);
  state.certificateIssued('p1', 3, 'certificate-1', AFTER);
  state.surveySent('p1', 'hot', AFTER);
  state.surveyAnswered('p1', 'hot', AFTER);
  return state;
}

const steps = (state: SessionState, at: Date, options = ASSESSES) =>
  dueFollowUps(state.view(), DEFAULT_SESSION_POLICY, at, options).filter(
    (step) => step.step === 'assessment' || step.step === 'attestation',
  );

describe('end of a training action: assessment, then attestation', () => {
  it('asks a trainee for the assessment once their certificate went out', () => {
    expect(steps(certified('training'), AFTER)).toEqual([{ step: 'assessment', participantId: 'p1' }]);
  });

  it('asks nothing of a workshop, nor of sessions started before assessments', () => {
    expect(steps(certified('workshop'), AFTER)).toEqual([]);
    expect(steps(certified('training'), AFTER, BEFORE_ASSESSMENTS)).toEqual([]);
  });

  it('attests as soon as the trainee answers, with the hours of their certificate', () => {
    const state = certified('training');
    state.assessmentSent('p1', DEADLINE, AFTER);
    expect(steps(state, new Date(AFTER.getTime() + 3600_000))).toEqual([]);
    const answeredAt = new Date(AFTER.getTime() + 2 * 3600_000);
    state.assessmentAnswered('p1', answeredAt);
    expect(steps(state, answeredAt)).toEqual([{ step: 'attestation', participantId: 'p1', hours: 3 }]);
  });

  it('wakes at the deadline and attests without an answer, once', () => {
    const state = certified('training');
    state.assessmentSent('p1', DEADLINE, AFTER);
    // The session wakes at the deadline (the cold survey comes 90 days after the end).
    expect(nextFollowUpAt(state.view(), DEFAULT_SESSION_POLICY, ASSESSES)).toBe(DEADLINE.getTime());
    expect(steps(state, new Date(DEADLINE.getTime() - 1))).toEqual([]);
    expect(steps(state, DEADLINE)).toEqual([{ step: 'attestation', participantId: 'p1', hours: 3 }]);
    state.attestationIssued('p1', 'attestation-1', DEADLINE);
    expect(steps(state, DEADLINE)).toEqual([]);
    // An answer arriving after the attestation changes nothing.
    state.assessmentAnswered('p1', new Date(DEADLINE.getTime() + 1));
    expect(state.view().assessments?.[0]?.answeredAt).toBeNull();
  });
});
