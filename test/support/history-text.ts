import type { WorkflowHandle } from '@temporalio/client';

/**
 * Every payload of a workflow's history decoded to text (inputs, results, update arguments,
 * memos): what anyone reading the history can see, the way the Web UI shows it.
 */
export async function historyText(handle: WorkflowHandle): Promise<string> {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (value instanceof Uint8Array) texts.push(Buffer.from(value).toString('utf8'));
    else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === 'object') for (const item of Object.values(value)) walk(item);
  };
  walk(await handle.fetchHistory());
  return texts.join('\n');
}
