import { describe, expect, it } from 'vitest';
import {
  checkAttendance,
  checkSheetVerdict,
  halfDaysOf,
  hoursAttended,
} from '../../../workflows/rules/attendance.ts';

const twoDays = {
  title: 'PSC1',
  startsAt: '2027-01-12T08:00:00Z',
  endsAt: '2027-01-13T16:00:00Z',
  timeZone: 'Europe/Paris',
};
const started = { status: 'running', startsAt: twoDays.startsAt };
const after = new Date('2027-01-13T17:00:00Z');

describe('attendance rules', () => {
  it('splits a two-day training into four half-days around lunch, in the session time zone', () => {
    expect(
      halfDaysOf(twoDays).map((halfDay) => [halfDay.date, halfDay.period, halfDay.startsAt, halfDay.endsAt]),
    ).toEqual([
      ['2027-01-12', 'morning', '2027-01-12T08:00:00.000Z', '2027-01-12T11:30:00.000Z'],
      ['2027-01-12', 'afternoon', '2027-01-12T12:30:00.000Z', '2027-01-12T16:00:00.000Z'],
      ['2027-01-13', 'morning', '2027-01-13T08:00:00.000Z', '2027-01-13T11:30:00.000Z'],
      ['2027-01-13', 'afternoon', '2027-01-13T12:30:00.000Z', '2027-01-13T16:00:00.000Z'],
    ]);
  });

  it('keeps an evening session that runs past midnight as one stretch on the day it starts', () => {
    // 22:00 to 01:00 in Paris; read as "each day from 22:00 to 01:00" it had no half-day at all.
    const evening = { ...twoDays, startsAt: '2027-01-12T21:00:00Z', endsAt: '2027-01-13T00:00:00Z' };
    expect(
      halfDaysOf(evening).map((halfDay) => [halfDay.date, halfDay.period, halfDay.startsAt, halfDay.endsAt]),
    ).toEqual([['2027-01-12', 'afternoon', '2027-01-12T21:00:00.000Z', '2027-01-13T00:00:00.000Z']]);
    expect(hoursAttended(halfDaysOf(evening), [true])).toBe(3);
  });

  it('counts the hours of the half-days a participant attended', () => {
    expect(hoursAttended(halfDaysOf(twoDays), [true, true, true, false])).toBe(10.5);
  });

  it('refuses to change attendance once the signed sheet is uploaded or judged', () => {
    const halfDays = halfDaysOf(twoDays);
    const presence = [{ participantId: 'p1', halfDays: [true, true, true, true] }];
    for (const status of ['sheet_uploaded', 'compliant', 'non_compliant']) {
      expect(checkAttendance(started, 'company', ['p1'], halfDays, presence, after, status)?.code).toBe(
        'ATTENDANCE_LOCKED',
      );
    }
    expect(checkAttendance(started, 'company', ['p1'], halfDays, presence, after, 'recorded')).toBeNull();
  });

  it('refuses attendance without participants outside education only', () => {
    const halfDays = halfDaysOf(twoDays);
    expect(checkAttendance(started, 'company', [], halfDays, [], after)?.code).toBe(
      'ATTENDANCE_REQUIRES_PARTICIPANTS',
    );
    expect(checkAttendance(started, 'education', [], halfDays, [], after)).toBeNull();
  });

  it('lets only staff confirm a signed sheet: the coordinator who uploaded it cannot vouch for it', () => {
    expect(checkSheetVerdict('sheet_uploaded', { compliant: true }, 'coordinator')?.code).toBe('STAFF_ONLY');
    expect(checkSheetVerdict('sheet_uploaded', { compliant: true }, 'staff')).toBeNull();
    expect(checkSheetVerdict('recorded', { compliant: true }, 'staff')?.code).toBe('SHEET_NOT_UPLOADED');
  });
});
