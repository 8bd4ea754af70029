import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as registry from '../../../workflows/patches.ts';

const WORKFLOWS = path.join(import.meta.dirname, '..', '..', '..', 'workflows');

/** Every `patched(...)` and `deprecatePatch(...)` call in the workflows, with what it is given. */
async function patchCalls(): Promise<{ file: string; argument: string }[]> {
  const files = (await readdir(WORKFLOWS, { recursive: true })).filter((file) => file.endsWith('.ts'));
  const calls: { file: string; argument: string }[] = [];
  for (const file of files) {
    // Comments name these functions too (the registry's own explains them): only code counts.
    const source = (await readFile(path.join(WORKFLOWS, file), 'utf8'))
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const match of source.matchAll(/\b(?:patched|deprecatePatch)\(\s*([^)]*?)\s*\)/g))
      calls.push({ file, argument: match[1] ?? '' });
  }
  return calls;
}

describe('the registry of patch ids (workflows/patches.ts)', () => {
  it('is what every patched() and deprecatePatch() call in the workflows is given', async () => {
    const calls = await patchCalls();
    expect(calls.length).toBeGreaterThan(0);
    const strays = calls.filter(({ argument }) => !Object.hasOwn(registry, argument));
    expect(strays).toEqual([]);
  });

  it('holds no id that no call uses', async () => {
    const used = new Set((await patchCalls()).map(({ argument }) => argument));
    expect(Object.keys(registry).filter((name) => !used.has(name))).toEqual([]);
  });

  it('gives each patch an id of its own', () => {
    const ids = Object.values(registry);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
