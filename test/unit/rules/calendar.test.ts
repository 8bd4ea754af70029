import { describe, expect, it } from 'vitest';
import { addDays, businessDate, businessInstant } from '../../../workflows/rules/calendar.ts';

describe('businessDate', () => {
  it('reads the date of an instant in Europe/Paris, not in UTC', () => {
    expect(businessDate(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
  });

  it('keeps the same date during the Paris day', () => {
    expect(businessDate(new Date('2026-11-23T10:00:00Z'))).toBe('2026-11-23');
  });

  it('turns to the next day at 22:00 UTC in summer, when Paris is two hours ahead', () => {
    expect(businessDate(new Date('2027-06-30T21:59:59Z'))).toBe('2027-06-30');
    expect(businessDate(new Date('2027-06-30T22:00:00Z'))).toBe('2027-07-01');
  });

  it('turns to the next day at 23:00 UTC in winter, when Paris is one hour ahead', () => {
    expect(businessDate(new Date('2027-01-10T22:59:59Z'))).toBe('2027-01-10');
    expect(businessDate(new Date('2027-01-10T23:00:00Z'))).toBe('2027-01-11');
  });

  it('gives the new year in Paris while it is still New Year’s Eve in UTC', () => {
    expect(businessDate(new Date('2026-12-31T23:15:00Z'))).toBe('2027-01-01');
  });
});

describe('businessInstant', () => {
  it('places 09:00 Paris on a winter date at 08:00 UTC', () => {
    expect(businessInstant('2027-01-15', '09:00').toISOString()).toBe('2027-01-15T08:00:00.000Z');
  });

  it('places 09:00 Paris on a summer date at 07:00 UTC', () => {
    expect(businessInstant('2027-06-01', '09:00').toISOString()).toBe('2027-06-01T07:00:00.000Z');
  });

  it('uses summer time for 09:00 on the day clocks go forward (2027-03-28)', () => {
    expect(businessInstant('2027-03-28', '09:00').toISOString()).toBe('2027-03-28T07:00:00.000Z');
  });

  it('uses winter time for 09:00 on the day clocks go back (2027-10-31)', () => {
    expect(businessInstant('2027-10-31', '09:00').toISOString()).toBe('2027-10-31T08:00:00.000Z');
  });

  it('uses winter time the day before clocks go forward and summer time the day after clocks go back', () => {
    expect(businessInstant('2027-03-27', '09:00').toISOString()).toBe('2027-03-27T08:00:00.000Z');
    expect(businessInstant('2027-10-30', '09:00').toISOString()).toBe('2027-10-30T07:00:00.000Z');
  });

  it('reads times on either side of the spring change with the offset in force at that time', () => {
    expect(businessInstant('2027-03-28', '01:30').toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(businessInstant('2027-03-28', '03:30').toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('reads times on either side of the autumn change with the offset in force at that time', () => {
    expect(businessInstant('2027-10-31', '00:30').toISOString()).toBe('2027-10-30T22:30:00.000Z');
    expect(businessInstant('2027-10-31', '03:30').toISOString()).toBe('2027-10-31T02:30:00.000Z');
  });

  it('gives an instant whose Paris date is the date asked for, even just after midnight', () => {
    const instant = businessInstant('2027-07-01', '00:15');
    expect(instant.toISOString()).toBe('2027-06-30T22:15:00.000Z');
    expect(businessDate(instant)).toBe('2027-07-01');
  });
});

describe('addDays', () => {
  it('moves a date forward within a month', () => {
    expect(addDays('2027-06-10', 5)).toBe('2027-06-15');
  });

  it('moves a date backward across the end of a month', () => {
    expect(addDays('2027-06-30', -30)).toBe('2027-05-31');
  });

  it('moves a date forward across the end of a month', () => {
    expect(addDays('2027-01-31', 1)).toBe('2027-02-01');
  });

  it('moves a date forward across the end of a year', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('moves a date backward across the start of a year', () => {
    expect(addDays('2027-01-05', -14)).toBe('2026-12-22');
  });

  it('knows February has 28 days in 2027 and 29 in 2028', () => {
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('counts whole calendar days across a DST change', () => {
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(addDays('2027-11-01', -2)).toBe('2027-10-30');
  });

  it('leaves the date unchanged when moved by zero days', () => {
    expect(addDays('2027-06-30', 0)).toBe('2027-06-30');
  });
});
