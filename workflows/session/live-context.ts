import type { EmailRequest } from '../messages/email.ts';
import type { SessionFeatures } from '../messages/session.ts';
import type { SessionMissionContext } from '../messages/staffing.ts';
import type { SessionPolicy } from '../policy.ts';
import type { EffectQueue } from './effects.ts';
import type { SessionState } from './session-state.ts';

/** What the parts of a live session share: the session's state, its effects and what it runs under. */
export interface LiveContext {
  readonly state: SessionState;
  readonly effects: EffectQueue;
  readonly mission: SessionMissionContext;
  readonly policy: SessionPolicy;
  readonly features: SessionFeatures;
}

export function queueEmail(context: LiveContext, email: EmailRequest): void {
  context.effects.push({ kind: 'email', email });
}
