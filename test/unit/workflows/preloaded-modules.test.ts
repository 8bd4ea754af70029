import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type ExportAllDeclaration,
  type ExportNamedDeclaration,
  type Expression,
  type ImportDeclaration,
  type ModuleItem,
  parseSync,
} from '@swc/core';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH, workflowBundleOptions } from '../../../worker/create-worker.ts';

/**
 * The worker evaluates the modules it preloads once and shares them between every workflow it runs
 * (worker/create-worker.ts): a value kept in their module scope would pass from one workflow to
 * the next, and replay would no longer give the same answer. Parsed with swc, the compiler the
 * SDK's bundler runs on the same files.
 */

const ROOT = path.dirname(path.dirname(WORKFLOWS_PATH));
const relative = (file: string) => path.relative(ROOT, file);

/** Module-scope collections shared on purpose: what they hold is the same for every workflow. */
const SHARED_ON_PURPOSE: Record<string, string> = {
  'workflows/rules/zoned-time.ts formats': 'one formatter per time zone, built on first use',
  'workflows/rules/client-invoices.ts SUBROGATING_FUNDERS': 'read only',
};

const parse = (file: string) => parseSync(readFileSync(file, 'utf8'), { syntax: 'typescript' }).body;

/** Whether the compiled code keeps an import: not when it names types only. */
function loadsAtRunTime(item: ImportDeclaration | ExportNamedDeclaration | ExportAllDeclaration): boolean {
  if (item.type === 'ExportAllDeclaration') return true;
  if (item.typeOnly) return false;
  return (
    item.specifiers.length === 0 ||
    item.specifiers.some((specifier) => !('isTypeOnly' in specifier && specifier.isTypeOnly))
  );
}

/** Every module the given ones import, themselves included, through relative imports. */
function reachableFrom(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    for (const item of parse(file))
      if (
        item.type === 'ImportDeclaration' ||
        item.type === 'ExportNamedDeclaration' ||
        item.type === 'ExportAllDeclaration'
      )
        if (item.source?.value.startsWith('.') && loadsAtRunTime(item))
          queue.push(path.resolve(path.dirname(file), item.source.value));
  }
  return seen;
}

// Constant tables are object and array literals, which the SDK deep-freezes when it shares a
// module; a Map or a Set stays writable.
const isCollection = (node: Expression | undefined): boolean =>
  node?.type === 'NewExpression' &&
  node.callee.type === 'Identifier' &&
  /^(Map|Set|WeakMap|WeakSet)$/.test(node.callee.value);

const declarationOf = (item: ModuleItem) => (item.type === 'ExportDeclaration' ? item.declaration : item);

/** What in a module's scope could carry a value from one workflow to another. */
function moduleState(file: string): string[] {
  const found: string[] = [];
  for (const statement of parse(file).map(declarationOf)) {
    if (statement.type === 'VariableDeclaration')
      for (const declarator of statement.declarations) {
        const name = `${relative(file)} ${declarator.id.type === 'Identifier' ? declarator.id.value : '(pattern)'}`;
        if (statement.kind !== 'const') found.push(`${name} (${statement.kind})`);
        else if (isCollection(declarator.init) && !Object.hasOwn(SHARED_ON_PURPOSE, name))
          found.push(`${name} (a collection)`);
      }
    if (statement.type === 'ClassDeclaration')
      for (const member of statement.body)
        if (member.type === 'ClassProperty' && member.isStatic)
          found.push(`${relative(file)} ${statement.identifier.value} (a static property)`);
  }
  return found;
}

describe('the modules every workflow of a worker shares (preloadModules)', () => {
  const preloaded = reachableFrom(workflowBundleOptions(false).preloadModules);

  it('are the workflows and everything they import', () => {
    expect(preloaded.has(WORKFLOWS_PATH)).toBe(true);
    expect([...preloaded].map(relative)).toEqual(
      expect.arrayContaining([
        'workflows/mission/mission-workflow.ts',
        'workflows/session/session-state.ts',
        'workflows/rules/payouts.ts',
        'workflows/messages/mission.ts',
      ]),
    );
  });

  it('keep no state in their module scope', () => {
    expect([...preloaded].flatMap(moduleState)).toEqual([]);
  });

  it('leave out the tracing interceptors, whose module scope counts spans per workflow', () => {
    expect([...preloaded].map(relative)).not.toContain('workflows/tracing-interceptors.ts');
    expect(moduleState(path.join(ROOT, 'workflows/tracing-interceptors.ts'))).not.toEqual([]);
  });
});
