/**
 * An independent linter on the document the API generates: Redocly CLI's recommended rules, as
 * a front end's tooling would read it (operationIds name generated clients' functions).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../console/api/generate-types.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer?: string }[];
}

describe('the OpenAPI document', () => {
  let dir: string | undefined;
  afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

  it("has no error under Redocly's recommended rules (warnings are printed)", async () => {
    dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(await openApiDocument()));
    // The linter exits non-zero on errors: its JSON report is read either way.
    const { stdout } = await run(
      join(ROOT, 'node_modules/.bin/redocly'),
      ['lint', file, '--extends=recommended', '--format=json'],
      {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const { problems } = JSON.parse(stdout) as { problems: LintProblem[] };
    const show = (problem: LintProblem) =>
      `${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`;
    const warnings = problems.filter((problem) => problem.severity === 'warn').map(show);
    if (warnings.length > 0) process.stdout.write(`redocly warnings:\n  ${warnings.join('\n  ')}\n`);
    expect(problems.filter((problem) => problem.severity === 'error').map(show)).toEqual([]);
  });
});
