import { describe, expect, it } from 'vitest';
import type { Attendance, Participant } from '../../../workflows/messages/participants.ts';
import type { Signing } from '../../../workflows/messages/signing.ts';
import type { Invitation } from '../../../workflows/messages/staffing.ts';
import { halfDaysOf } from '../../../workflows/rules/attendance.ts';
import {
  checkCountersign,
  checkPaperAttendanceAllowed,
  checkSignHalfDay,
  openHalfDayIndex,
  presenceFromSignatures,
  signingComplete,
  uncountersignedHalfDays,
} from '../../../workflows/rules/signing.ts';

// Two days, 09:00–17:00 Paris: half-days 08:00–11:30, 12:30–16:00 UTC on 12 and 13 January.
const halfDays = halfDaysOf({
  title: 'PSC1',
  startsAt: '2027-01-12T08:00:00Z',
  endsAt: '2027-01-13T16:00:00Z',
  timeZone: 'Europe/Paris',
});
const at = (iso: string) => new Date(iso);

function signing(overrides: Partial<Signing> = {}): Signing {
  return { graceAfterHalfDay: '30 minutes', signatures: [], countersignatures: [], ...overrides };
}

function attendance(overrides: Partial<Signing> = {}, status: Attendance['status'] = 'pending'): Attendance {
  return {
    status,
    halfDays,
    presence: [],
    recordedAt: null,
    signedSheetDocumentId: null,
    nonComplianceReason: null,
    reminderSent: false,
    escalationSent: false,
    signing: signing(overrides),
  };
}

const participant = (participantId: string) =>
  ({ participantId, email: `${participantId}@example.org`, firstName: 'A', lastName: 'B' }) as Participant;
const lead = {
  invitationId: 'inv-1',
  facilitator: { id: 'fac-1', name: 'Lou Martin' },
  status: 'accepted',
  approval: 'not_needed',
} as Invitation;

const signature = (halfDayIndex: number, participantId: string) => ({
  halfDayIndex,
  participantId,
  signatureId: `${halfDayIndex}-${participantId}`,
  signedAt: halfDays[halfDayIndex]?.startsAt ?? '',
  device: 'participant' as const,
});
const countersignature = (halfDayIndex: number) => ({
  halfDayIndex,
  facilitatorId: 'fac-1',
  facilitatorName: 'Lou Martin',
  signatureId: `c-${halfDayIndex}`,
  signedAt: halfDays[halfDayIndex]?.endsAt ?? '',
});

const view = (overrides: Partial<Signing> = {}, status: Attendance['status'] = 'pending') => ({
  status: 'running' as const,
  attendance: attendance(overrides, status),
  participants: [participant('p1'), participant('p2')],
  invitations: [lead],
});

describe('digital signing rules', () => {
  it('opens a half-day from its start to its end plus the grace, and not before', () => {
    const sign = (now: string) => checkSignHalfDay(view(), { participantId: 'p1', halfDayIndex: 1 }, at(now));
    expect(sign('2027-01-12T12:29:00Z')?.code).toBe('SIGNING_NOT_OPEN');
    expect(sign('2027-01-12T12:29:00Z')?.extensions).toEqual({ opensAt: '2027-01-12T12:30:00.000Z' });
    expect(sign('2027-01-12T12:30:00Z')).toBeNull();
    expect(sign('2027-01-12T16:30:00Z')).toBeNull();
    expect(sign('2027-01-12T16:31:00Z')?.code).toBe('SIGNING_CLOSED');
  });

  it('names the half-day open now, the one that started last when a grace overlaps the next start', () => {
    expect(openHalfDayIndex(halfDays, '30 minutes', at('2027-01-12T07:59:00Z'))).toBeNull();
    expect(openHalfDayIndex(halfDays, '30 minutes', at('2027-01-12T11:50:00Z'))).toBe(0);
    expect(openHalfDayIndex(halfDays, '30 minutes', at('2027-01-12T12:10:00Z'))).toBeNull();
    expect(openHalfDayIndex(halfDays, '90 minutes', at('2027-01-12T12:40:00Z'))).toBe(1);
    expect(openHalfDayIndex(halfDays, '30 minutes', at('2027-01-13T16:20:00Z'))).toBe(3);
  });

  it('takes one signature per participant and half-day', () => {
    const signed = view({ signatures: [signature(0, 'p1')] });
    const now = at('2027-01-12T09:00:00Z');
    expect(checkSignHalfDay(signed, { participantId: 'p1', halfDayIndex: 0 }, now)?.code).toBe(
      'ALREADY_SIGNED',
    );
    expect(checkSignHalfDay(signed, { participantId: 'p2', halfDayIndex: 0 }, now)).toBeNull();
  });

  it('refuses someone not registered, a half-day that does not exist, a cancelled session', () => {
    const now = at('2027-01-12T09:00:00Z');
    expect(checkSignHalfDay(view(), { participantId: 'p9', halfDayIndex: 0 }, now)?.code).toBe(
      'UNKNOWN_PARTICIPANT',
    );
    expect(checkSignHalfDay(view(), { participantId: 'p1', halfDayIndex: 4 }, now)?.code).toBe(
      'UNKNOWN_HALF_DAY',
    );
    expect(checkSignHalfDay(view(), { participantId: 'p1', halfDayIndex: 0.5 }, now)?.code).toBe(
      'UNKNOWN_HALF_DAY',
    );
    const cancelled = { ...view(), status: 'cancelled' as const };
    expect(checkSignHalfDay(cancelled, { participantId: 'p1', halfDayIndex: 0 }, now)?.code).toBe(
      'SESSION_CANCELLED',
    );
  });

  it('closes a countersigned half-day to further signatures, even within its window', () => {
    const countersigned = view({ countersignatures: [countersignature(0)] });
    expect(
      checkSignHalfDay(countersigned, { participantId: 'p2', halfDayIndex: 0 }, at('2027-01-12T10:00:00Z'))
        ?.code,
    ).toBe('HALF_DAY_COUNTERSIGNED');
  });

  it('refuses signing once attendance was recorded on paper or signing is complete', () => {
    const now = at('2027-01-12T09:00:00Z');
    expect(checkSignHalfDay(view({}, 'recorded'), { participantId: 'p1', halfDayIndex: 0 }, now)?.code).toBe(
      'ATTENDANCE_RECORDED_ON_PAPER',
    );
    expect(checkSignHalfDay(view({}, 'signed'), { participantId: 'p1', halfDayIndex: 0 }, now)?.code).toBe(
      'SIGNING_COMPLETE',
    );
  });

  it('lets only a facilitator of the session countersign, once, after the half-day started', () => {
    const countersign = (facilitatorId: string, now: string, overrides: Partial<Signing> = {}) =>
      checkCountersign(view(overrides), { halfDayIndex: 2, facilitatorId }, at(now))?.code ?? null;
    expect(countersign('fac-1', '2027-01-13T07:59:00Z')).toBe('SIGNING_NOT_OPEN');
    expect(countersign('fac-2', '2027-01-13T09:00:00Z')).toBe('NOT_A_FACILITATOR');
    expect(countersign('fac-1', '2027-01-13T09:00:00Z')).toBeNull();
    // Days later still: a late countersignature is what the reminders ask for.
    expect(countersign('fac-1', '2027-01-20T09:00:00Z')).toBeNull();
    expect(countersign('fac-1', '2027-01-13T09:00:00Z', { countersignatures: [countersignature(2)] })).toBe(
      'HALF_DAY_COUNTERSIGNED',
    );
    const refused = { ...view(), invitations: [{ ...lead, approval: 'refused' as const }] };
    expect(
      checkCountersign(refused, { halfDayIndex: 2, facilitatorId: 'fac-1' }, at('2027-01-13T09:00:00Z'))
        ?.code,
    ).toBe('NOT_A_FACILITATOR');
  });

  it('derives presence from signatures in countersigned half-days only', () => {
    const state = signing({
      signatures: [
        signature(0, 'p1'),
        signature(0, 'p2'),
        signature(1, 'p1'),
        signature(1, 'p2'),
        signature(3, 'p1'),
      ],
      countersignatures: [countersignature(0), countersignature(1), countersignature(2)],
    });
    expect(presenceFromSignatures(halfDays, ['p1', 'p2'], state)).toEqual([
      { participantId: 'p1', halfDays: [true, true, false, false] },
      { participantId: 'p2', halfDays: [true, true, false, false] },
    ]);
    expect(uncountersignedHalfDays(state)).toEqual([3]);
  });

  it('completes once the session ended and every signed half-day is countersigned', () => {
    const ended = (overrides: Partial<Signing>) => ({
      status: 'ended' as const,
      attendance: attendance(overrides),
    });
    expect(signingComplete(ended({}))).toBe(false);
    expect(signingComplete(ended({ signatures: [signature(0, 'p1')] }))).toBe(false);
    expect(
      signingComplete(ended({ signatures: [signature(0, 'p1')], countersignatures: [countersignature(0)] })),
    ).toBe(true);
    expect(
      signingComplete({
        status: 'running',
        attendance: attendance({
          signatures: [signature(0, 'p1')],
          countersignatures: [countersignature(0)],
        }),
      }),
    ).toBe(false);
  });

  it('waits for the last half-day to stop taking signatures before completing, given the time', () => {
    const morningOnly = {
      status: 'ended' as const,
      attendance: attendance({
        signatures: [signature(0, 'p1'), signature(1, 'p1'), signature(2, 'p1')],
        countersignatures: [countersignature(0), countersignature(1), countersignature(2)],
      }),
    };
    // The last afternoon (13 January, 12:30–16:00 UTC) takes signatures until 16:30.
    expect(signingComplete(morningOnly, at('2027-01-13T16:00:00Z'))).toBe(false);
    expect(signingComplete(morningOnly, at('2027-01-13T16:30:00Z'))).toBe(true);
    // Without the time, as for sessions started before this rule: complete at the end.
    expect(signingComplete(morningOnly)).toBe(true);
    const lastCountersigned = {
      status: 'ended' as const,
      attendance: attendance({
        signatures: [signature(3, 'p1')],
        countersignatures: [countersignature(3)],
      }),
    };
    // A countersigned half-day takes no more signatures: nothing to wait for.
    expect(signingComplete(lastCountersigned, at('2027-01-13T16:00:00Z'))).toBe(true);
  });

  it('keeps the paper entry until a facilitator countersigned a half-day', () => {
    expect(checkPaperAttendanceAllowed(signing())).toBeNull();
    // Signatures nobody could countersign (no facilitator on the session) give way to the paper sheet.
    expect(checkPaperAttendanceAllowed(signing({ signatures: [signature(0, 'p1')] }))).toBeNull();
    expect(
      checkPaperAttendanceAllowed(
        signing({ signatures: [signature(0, 'p1')], countersignatures: [countersignature(0)] }),
      )?.code,
    ).toBe('ATTENDANCE_SIGNED');
  });
});
