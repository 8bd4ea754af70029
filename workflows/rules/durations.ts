/** Policy durations are written like '7 days' or '90 minutes'; this reads them in milliseconds. */
const UNIT_MS: Record<string, number> = {
  ms: 1,
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

export function msOf(duration: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+?)s?\s*$/i.exec(duration);
  const unit = match?.[2]?.toLowerCase();
  const factor = unit ? UNIT_MS[unit] : undefined;
  if (!match || factor === undefined) throw new Error(`unreadable duration "${duration}"`);
  return Number(match[1]) * factor;
}
