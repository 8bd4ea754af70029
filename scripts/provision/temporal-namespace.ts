/**
 * What a Temporal server needs before a mission starts on it: the namespace, and the search
 * attributes the workflows upsert (an unregistered one fails their workflow task). Only the dev
 * server registers them from its command line; a real cluster takes them from the operator API.
 */
import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { MISSION_SEARCH_ATTRIBUTES } from '../../workflows/messages/search-attributes.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fresh namespace is unknown to the frontends until their namespace cache refreshes, and a
 * call in that second fails with "Namespace … is not found": every step is retried until it
 * holds, the create included.
 */
async function retried<T>(what: string, attempt: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(error as Error).message}`);
      await sleep(250);
    }
  }
}

function isAlreadyExists(error: unknown): boolean {
  return (error as { code?: number }).code === 6;
}

export async function ensureNamespace(connection: Connection, namespace: string, retentionDays = 7) {
  await retried(`registering namespace ${namespace}`, async () => {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: proto.google.protobuf.Duration.fromObject({
          seconds: retentionDays * 24 * 3600,
        }),
      });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  });
  await retried(`describing namespace ${namespace}`, () =>
    connection.workflowService.describeNamespace({ namespace }),
  );
}

/** Registers the mission search attributes that are missing; returns the names it added. */
export async function registerMissionSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<string[]> {
  const missing = async () => {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    return MISSION_SEARCH_ATTRIBUTES.filter((key) => !(key.name in (customAttributes ?? {})));
  };
  const added = (await retried('listing search attributes', missing)).map((key) => key.name);
  await retried(`registering search attributes on ${namespace}`, async () => {
    const left = await missing();
    if (left.length === 0) return;
    await connection.operatorService
      .addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(
          left.map((key) => [
            key.name,
            proto.temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`],
          ]),
        ),
      })
      .catch((error: unknown) => {
        if (!isAlreadyExists(error)) throw error;
      });
    // Checked rather than trusted: the frontends' caches must show them before a workflow uses them.
    if ((await missing()).length > 0) throw new Error('not visible yet');
  });
  return added;
}
