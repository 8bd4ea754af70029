import { describe, expect, it } from 'vitest';
import type { EmailRequest } from '../../../workflows/messages/email.ts';
import { EffectQueue } from '../../../workflows/session/effects.ts';

const email = (key: string) => ({ kind: 'email', email: { idempotencyKey: key } as EmailRequest }) as const;

describe('a session effect queue', () => {
  it('hands effects out by kind, oldest first', () => {
    const queue = new EffectQueue();
    queue.push(email('a'));
    queue.push({ kind: 'reportStatus', status: 'running' });
    queue.push(email('b'));
    expect(queue.take('email')?.email.idempotencyKey).toBe('a');
    expect(queue.take('email')?.email.idempotencyKey).toBe('b');
    expect(queue.take('email')).toBeUndefined();
    expect(queue.list()).toEqual([{ kind: 'reportStatus', status: 'running' }]);
  });

  it('queues an out-of-date mark once however often it is asked', () => {
    const queue = new EffectQueue();
    queue.pushOnce({ kind: 'buildAttendanceSheet' });
    queue.pushOnce({ kind: 'buildAttendanceSheet' });
    expect(queue.list()).toEqual([{ kind: 'buildAttendanceSheet' }]);
  });

  it('queues a mark anew when asked again after it was taken', () => {
    const queue = new EffectQueue();
    queue.pushOnce({ kind: 'moveChildren' });
    queue.take('moveChildren');
    queue.pushOnce({ kind: 'moveChildren' });
    expect(queue.has('moveChildren')).toBe(true);
  });

  it('takes in turn the effects of a kind queued while earlier ones are carried out', () => {
    const queue = new EffectQueue();
    queue.push({ kind: 'reportStatus', status: 'running' });
    const reported: string[] = [];
    for (const { status } of queue.each('reportStatus')) {
      reported.push(status);
      if (status === 'running') queue.push({ kind: 'reportStatus', status: 'ended' });
    }
    expect(reported).toEqual(['running', 'ended']);
    expect(queue.list()).toEqual([]);
  });

  it('keeps an e-mail counted as sending until it is done', () => {
    const queue = new EffectQueue();
    queue.push(email('a'));
    const next = queue.next('email');
    expect(queue.sending(['a'])).toBe(true);
    if (next) queue.done(next);
    expect(queue.sending(['a'])).toBe(false);
  });

  it('tells whether anything but the given kinds is queued', () => {
    const queue = new EffectQueue();
    queue.push({ kind: 'moveChildren' });
    expect(queue.anyBut('moveChildren')).toBe(false);
    queue.push({ kind: 'sendProposal' });
    expect(queue.anyBut('moveChildren')).toBe(true);
  });

  it('answers with a copy the caller cannot change the queue through', () => {
    const queue = new EffectQueue();
    queue.push({ kind: 'reportFunding', awaiting: true });
    const listed = queue.list();
    listed.pop();
    expect(queue.list()).toHaveLength(1);
  });
});
