/**
 * The console's client is typed from console/api/schema.d.ts: this fails while that file is not
 * what the API's routes generate now, so an API change reaches the console's type-check.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateConsoleTypes, SCHEMA_FILE } from '../../console/api/generate-types.ts';

describe("the console's API types", () => {
  it('are what the current API generates (run npm run console:types after changing a route)', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    const current = await generateConsoleTypes();
    const lines = { committed: committed.split('\n'), current: current.split('\n') };
    const first = lines.current.findIndex((line, index) => line !== lines.committed[index]);
    expect(
      committed === current,
      `console/api/schema.d.ts is out of date from line ${first + 1} ("${lines.current[first]?.trim()}"): npm run console:types`,
    ).toBe(true);
  });
});
