import { describe, expect, it } from 'vitest';
import { progressBar } from '../../../scripts/lib/progress-bar.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  const fake = { isTTY, write: (chunk: string) => written.push(chunk) > 0 };
  return { fake: fake as unknown as NodeJS.WriteStream, written };
}

describe('progress bar', () => {
  it('redraws one line in place on a terminal, with the rate and the time left', () => {
    let now = 0;
    const { fake, written } = stream(true);
    const bar = progressBar(fake, 'rebuilding', () => now);
    now = 2000;
    bar.update(10, 20, 'repaired 10');
    now = 2050;
    bar.update(11, 20, 'repaired 11');
    now = 4000;
    bar.update(20, 20, 'repaired 20');
    bar.finish();
    expect(written).toEqual([
      `\rrebuilding [${'#'.repeat(15)}${'-'.repeat(15)}] 10/20  5.0/s  eta 2.0s  repaired 10\x1b[K`,
      `\rrebuilding [${'#'.repeat(30)}] 20/20  5.0/s  eta 0.0s  repaired 20\x1b[K`,
      '\n',
    ]);
  });

  it('writes a plain line every tenth of the way elsewhere', () => {
    const { fake, written } = stream(false);
    let now = 0;
    const bar = progressBar(fake, 'checking', () => now);
    now = 1000;
    for (let done = 1; done <= 100; done += 1) bar.update(done, 100, 'different 0');
    bar.finish();
    expect(written).toHaveLength(11);
    expect(written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(written.at(-1)).toMatch(/^checking \[#{30}\] 100\/100 {2}100\.0\/s/);
  });
});
