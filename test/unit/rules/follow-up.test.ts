import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../workflows/messages/session.ts';
import { DEFAULT_SESSION_POLICY } from '../../../workflows/policy.ts';
import { dueFollowUps, sessionIsDone } from '../../../workflows/rules/follow-up.ts';
import { SessionState } from '../../../workflows/session/session-state.ts';
import { coordinator, session } from '../support/mission-fixture.ts';

const AFTER = new Date('2027-03-02T13:00:00Z');
const AWAIT_PROOF = { certificatesAwaitProof: true };
const LEGACY = { certificatesAwaitProof: false };

/** A morning workshop that has ended, one participant present on the paper record. */
function ended(): SessionState {
  const state = new SessionState(
    {
      missionId: 'mission-1',
      title: 'Ateliers',
      clientName: 'Acme',
      sector: 'company',
      coordinator: { id: 'coordinator-1', name: 'Alex', email: 'alex@example.org' },
      unitPriceCents: 90_000,
    },
    session(),
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
  return state;
}

const certificates = (view: SessionView, options: typeof AWAIT_PROOF) =>
  dueFollowUps(view, DEFAULT_SESSION_POLICY, AFTER, options).filter((step) => step.step === 'certificate');

describe('follow-up of a session', () => {
  it('certifies on the paper record only once the signed sheet is confirmed compliant', () => {
    const state = ended();
    expect(certificates(state.view(), AWAIT_PROOF)).toEqual([]);
    state.signedSheetUploaded({ actor: coordinator, documentId: 'doc-1' }, AFTER);
    expect(certificates(state.view(), AWAIT_PROOF)).toEqual([]);
    state.sheetVerdict({ actor: coordinator, compliant: true }, AFTER);
    expect(certificates(state.view(), AWAIT_PROOF)).toEqual([
      { step: 'certificate', participantId: 'p1', hours: 3 },
    ]);
  });

  it('keeps certifying on the record alone for sessions started before that rule', () => {
    expect(certificates(ended().view(), LEGACY)).toEqual([
      { step: 'certificate', participantId: 'p1', hours: 3 },
    ]);
  });

  it('keeps a session with a non-compliant sheet open while certificates wait for proof', () => {
    const state = ended();
    state.signedSheetUploaded({ actor: coordinator, documentId: 'doc-1' }, AFTER);
    state.sheetVerdict(
      { actor: { subject: 'staff-1', role: 'staff' }, compliant: false, reason: 'Illisible' },
      AFTER,
    );
    expect(sessionIsDone(state.view(), DEFAULT_SESSION_POLICY, AWAIT_PROOF)).toBe(false);
    expect(certificates(state.view(), AWAIT_PROOF)).toEqual([]);
  });
});
