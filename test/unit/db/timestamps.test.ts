import { describe, expect, it } from 'vitest';
import { naiveTimestampToIso, timestampToIso } from '../../../db/timestamps.ts';

// What the pool's parsers did before, through V8's own parser: the reference.
const slowTimestamptz = (value: string) => new Date(value).toISOString();
const slowTimestamp = (value: string) => new Date(`${value}Z`).toISOString();

describe("Postgres's timestamps as ISO instants (timestampToIso)", () => {
  it.each([
    ['2026-12-01 00:10:44.123456+00', '2026-12-01T00:10:44.123Z'],
    ['2026-12-01 00:10:44+00', '2026-12-01T00:10:44.000Z'],
    ['2026-12-01 00:10:44.5+00', '2026-12-01T00:10:44.500Z'],
    ['2026-12-01 01:10:44.1239+01', '2026-12-01T00:10:44.123Z'],
    ['2026-03-29 03:30:00+02', '2026-03-29T01:30:00.000Z'],
    ['2026-12-01 05:40:44+05:30', '2026-12-01T00:10:44.000Z'],
    ['2026-11-30 20:10:44-04', '2026-12-01T00:10:44.000Z'],
    ['2024-02-29 23:59:59.999999+00', '2024-02-29T23:59:59.999Z'],
  ])('reads %s with its offset as %s', (value, iso) => {
    expect(timestampToIso(value)).toBe(iso);
    expect(timestampToIso(value)).toBe(slowTimestamptz(value));
  });

  it('reads a timestamp without time zone as UTC', () => {
    expect(naiveTimestampToIso('2026-12-01 00:10:44.123456')).toBe('2026-12-01T00:10:44.123Z');
    expect(naiveTimestampToIso('2026-12-01 00:10:44')).toBe(slowTimestamp('2026-12-01 00:10:44'));
  });

  it('gives what V8 gives for a thousand instants at every offset Postgres prints', () => {
    const offsets = ['+00', '+01', '+02', '-03', '+05:30', '-09:30', '+14', '-12'];
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let index = 0; index < 1000; index++) {
      const instant = new Date(Date.UTC(1970, 0, 1) + Math.floor(next() * 100 * 365 * 86_400_000));
      const digits = String(Math.floor(next() * 1_000_000))
        .padStart(6, '0')
        .slice(0, 1 + (index % 6));
      const text = `${instant.toISOString().slice(0, 10)} ${instant.toISOString().slice(11, 19)}.${digits}${offsets[index % offsets.length]}`;
      expect(timestampToIso(text)).toBe(slowTimestamptz(text));
      const naive = text.slice(0, text.search(/[+-]\d{2}(:\d{2})?$/));
      expect(naiveTimestampToIso(naive)).toBe(slowTimestamp(naive));
    }
  });

  it('leaves to V8 every other form, as before', () => {
    const outcome = (read: (value: string) => string, value: string) => {
      try {
        return read(value);
      } catch (error) {
        return String(error);
      }
    };
    for (const value of [
      '2026-12-01 00:10:44 BC+00',
      '12026-12-01 00:10:44+00',
      '2026-12-01 00:10:44.1234567+00',
    ])
      expect(outcome(timestampToIso, value)).toBe(outcome(slowTimestamptz, value));
    // Where V8 was wrong: it read the year 44 as 2044.
    expect(timestampToIso('0044-03-15 12:00:00+00')).toBe('0044-03-15T12:00:00.000Z');
    expect(slowTimestamptz('0044-03-15 12:00:00+00')).toBe('2044-03-15T12:00:00.000Z');
    expect(() => timestampToIso('infinity')).toThrow(RangeError);
    expect(naiveTimestampToIso('2026-12-01T00:10:44')).toBe('2026-12-01T00:10:44.000Z');
  });
});
