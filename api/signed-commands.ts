import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import { signCommand } from '../links/caller-proof.ts';

/**
 * The API's Temporal client, signing every command it sends as an Update (the workflows refuse
 * commands that come any other way: docs/decisions/0001-who-acts.md). Routes use it unaware.
 */
export function signingClient(client: Client, secrets: string[]): Client {
  const signer: WorkflowClientInterceptor = {
    startUpdate: (input, next) =>
      next({
        ...input,
        args: signFirst(secrets, input.workflowExecution.workflowId, input.updateName, input.args),
      }),
    startUpdateWithStart: (input, next) =>
      next({
        ...input,
        updateArgs: signFirst(
          secrets,
          input.workflowStartOptions.workflowId,
          input.updateName,
          input.updateArgs,
        ),
      }),
  };
  return new Client({
    connection: client.connection,
    namespace: client.options.namespace,
    identity: client.options.identity,
    dataConverter: client.options.dataConverter,
    // The given client's own interceptors (tracing) keep seeing every call.
    interceptors: { workflow: [...givenInterceptors(client), signer] },
  });
}

function givenInterceptors(client: Client): WorkflowClientInterceptor[] {
  const given = client.options.interceptors.workflow;
  return Array.isArray(given) ? given : [];
}

function signFirst(secrets: string[], workflowId: string, update: string, args: unknown[]): unknown[] {
  const [command, ...others] = args;
  if (typeof command !== 'object' || command === null || Array.isArray(command)) return args;
  return [signCommand(secrets, { workflowId, update }, command as Record<string, unknown>), ...others];
}
