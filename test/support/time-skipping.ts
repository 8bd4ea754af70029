import proto from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';
import { MISSION_SEARCH_ATTRIBUTES } from '../../workflows/messages/search-attributes.ts';

/**
 * A time-skipping test server with the mission search attributes registered: like a real
 * cluster, it refuses upserts of attributes it does not know.
 */
export async function startTimeSkipping(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: inject('testServerExecutable') },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      MISSION_SEARCH_ATTRIBUTES.map((key) => [
        key.name,
        proto.temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`],
      ]),
    ),
  });
  return env;
}
