import {
  type ClientSettingsRecord,
  findClientSettings,
  saveClientSettings,
} from '../../db/queries/client-settings.ts';
import { DEFAULT_SESSION_POLICY } from '../../workflows/policy.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { requireRole } from '../plugins/authentication.ts';
import {
  ClientParamsSchema,
  ClientSettingsBodySchema,
  ClientSettingsSchema,
} from '../schemas/client-settings.ts';
import { problemResponses } from '../schemas/problem.ts';
import type { TypedApp } from '../typed-app.ts';

/**
 * A client's settings, which staff set. Approvals started afterwards follow them; one already
 * under way keeps the rule it started with (it says so when it decides).
 */
export function clientRoutes(deps: ApiDependencies) {
  const present = (clientName: string, settings: ClientSettingsRecord | null) => ({
    clientName,
    managerSilence: settings?.managerSilence ?? DEFAULT_SESSION_POLICY.managerSilence,
    source: settings ? ('client' as const) : ('default' as const),
    defaultManagerSilence: DEFAULT_SESSION_POLICY.managerSilence,
    updatedAt: settings?.updatedAt ?? null,
    updatedBy: settings?.updatedBy ?? null,
  });
  return async (app: TypedApp) => {
    app.get(
      '/clients/:clientName/settings',
      {
        schema: {
          tags: ['clients'],
          summary: "Read a client's settings (staff only)",
          description:
            "What a manager's silence means at the approval deadline; `source` says whether it is the client's choice or the default.",
          params: ClientParamsSchema,
          response: { 200: ClientSettingsSchema, ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => {
        requireRole(request, 'staff');
        const { clientName } = request.params;
        return present(clientName, await findClientSettings(deps.pool, clientName)) as never;
      },
    );

    app.put(
      '/clients/:clientName/settings',
      {
        schema: {
          tags: ['clients'],
          summary: "Set a client's settings (staff only)",
          description:
            'Applies to manager approvals that start from now on; each automatic decision records the rule it followed.',
          params: ClientParamsSchema,
          body: ClientSettingsBodySchema,
          response: { 200: ClientSettingsSchema, ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const { clientName } = request.params;
        const saved = await saveClientSettings(deps.pool, {
          clientName,
          managerSilence: request.body.managerSilence,
          updatedBy: actor.subject,
        });
        return present(clientName, saved) as never;
      },
    );
  };
}
