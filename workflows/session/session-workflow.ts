import {
  condition,
  getExternalWorkflowHandle,
  log,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  missionWorkflowId,
  type Session,
  type SessionStatus,
  sessionTransitionedSignal,
} from '../messages/mission.ts';
import { sessionSearchAttributeUpdates } from '../messages/search-attributes.ts';
import {
  type SessionWorkflowInput,
  sessionCancelledSignal,
  sessionRescheduledSignal,
  sessionStateQuery,
} from '../messages/session.ts';

/**
 * One planned session: sleeps until it starts, runs until it ends, and tells its mission at each
 * step. Moves and cancellation arrive as signals from the mission, which has validated them.
 */
export async function sessionWorkflow(input: SessionWorkflowInput): Promise<Session> {
  const session: Session = { ...input.session };
  let rescheduled = false;
  const owner = {
    missionId: input.missionId,
    coordinator: { id: input.coordinatorId },
    client: { name: input.clientName },
  };

  setHandler(sessionStateQuery, () => session);
  setHandler(sessionRescheduledSignal, ({ startsAt, endsAt }) => {
    if (session.status !== 'planned') return;
    session.startsAt = startsAt;
    session.endsAt = endsAt;
    rescheduled = true;
    upsertSearchAttributes(sessionSearchAttributeUpdates(owner, startsAt));
  });
  setHandler(sessionCancelledSignal, ({ reason }) => {
    if (session.status !== 'planned') return;
    session.status = 'cancelled';
    session.cancellationReason = reason;
    upsertSearchAttributes(sessionSearchAttributeUpdates(owner, null));
  });

  const mission = getExternalWorkflowHandle(missionWorkflowId(input.missionId));
  const report = async (status: SessionStatus) => {
    upsertSearchAttributes(
      sessionSearchAttributeUpdates(owner, status === 'running' ? session.endsAt : null),
    );
    try {
      await mission.signal(sessionTransitionedSignal, {
        sessionId: session.sessionId,
        status,
        at: new Date().toISOString(),
      });
    } catch (error) {
      // A mission that has already finished (cancelled while this session ran) has nothing left to learn.
      log.warn('mission no longer listening for session reports', {
        sessionId: session.sessionId,
        status,
        error,
      });
    }
  };

  /** Sleeps until `instant`, or until the session is moved or cancelled; true when the time came. */
  async function sleepUntil(instant: () => string, summary: string): Promise<boolean> {
    for (;;) {
      rescheduled = false;
      const wait = Date.parse(instant()) - Date.now();
      if (wait <= 0) return session.status !== 'cancelled';
      const interrupted = await condition(() => rescheduled || session.status === 'cancelled', wait, {
        summary,
      });
      if (session.status === 'cancelled') return false;
      if (!interrupted) return true;
    }
  }

  if (!(await sleepUntil(() => session.startsAt, 'until the session starts'))) return session;
  session.status = 'running';
  await report('running');

  await sleepUntil(() => session.endsAt, 'until the session ends');
  session.status = 'ended';
  await report('ended');
  return session;
}
