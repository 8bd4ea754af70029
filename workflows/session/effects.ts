import { clone } from '../clone.ts';
import type { SessionEffect } from '../messages/session.ts';

type Kind = SessionEffect['kind'];
type EffectOf<K extends Kind> = Extract<SessionEffect, { kind: K }>;

/**
 * The effects a session owes, in the order they were queued. The workflow's loop carries them
 * out kind by kind in a fixed order (the order its recorded histories hold), so the queue hands
 * them out by kind, oldest first.
 */
export class EffectQueue {
  private effects: SessionEffect[] = [];

  push(effect: SessionEffect): void {
    this.effects.push(effect);
  }

  /** For effects that stand for "this is out of date": one queued is enough however often it is asked. */
  pushOnce(effect: SessionEffect): void {
    if (!this.has(effect.kind)) this.effects.push(effect);
  }

  has(kind: Kind): boolean {
    return this.effects.some((effect) => effect.kind === kind);
  }

  /** The oldest effect of a kind, left queued until `done`: for work that counts as owed while it runs. */
  next<K extends Kind>(kind: K): EffectOf<K> | undefined {
    return this.effects.find((effect): effect is EffectOf<K> => effect.kind === kind);
  }

  done(effect: SessionEffect): void {
    const index = this.effects.indexOf(effect);
    if (index >= 0) this.effects.splice(index, 1);
  }

  /** The oldest effect of a kind, no longer queued: asking again while it runs queues it anew. */
  take<K extends Kind>(kind: K): EffectOf<K> | undefined {
    const effect = this.next(kind);
    if (effect) this.done(effect);
    return effect;
  }

  /** Takes the effects of a kind one at a time, including those queued while earlier ones are carried out. */
  *each<K extends Kind>(kind: K): Generator<EffectOf<K>> {
    for (let effect = this.take(kind); effect; effect = this.take(kind)) yield effect;
  }

  /** Whether any effect other than these kinds is queued. */
  anyBut(...kinds: Kind[]): boolean {
    return this.effects.some((effect) => !kinds.includes(effect.kind));
  }

  /** Whether an e-mail with one of these idempotency keys is still to be sent. */
  sending(keys: string[]): boolean {
    return this.effects.some(
      (effect) => effect.kind === 'email' && keys.includes(effect.email.idempotencyKey),
    );
  }

  list(): SessionEffect[] {
    return clone(this.effects);
  }
}
