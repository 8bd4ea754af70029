import { spawnSync } from 'node:child_process';

/** Prometheus's own checker, which scripts/test.sh extracts from Debian's prometheus package. */
export function promtool(args: string[], input?: string): { status: number | null; output: string } {
  const bin = process.env.PROMTOOL_PATH;
  if (!bin)
    throw new Error(
      'PROMTOOL_PATH is not set: run the suite with ./scripts/test.sh, which provides promtool',
    );
  const run = spawnSync(bin, args, { input, encoding: 'utf8', timeout: 30_000 });
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
