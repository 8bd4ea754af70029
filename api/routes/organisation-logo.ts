import { Type } from 'typebox';
import { organisationLogo } from '../../db/queries/organisation-settings.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { ProblemError } from '../problems.ts';
import { OrganisationLogoParamsSchema } from '../schemas/organisation.ts';
import { problemResponses } from '../schemas/problem.ts';
import type { TypedApp } from '../typed-app.ts';

/**
 * The logo at the top of every e-mail (issue #15 item 9), for whoever opens one: registered outside
 * the authenticated scope, since mail clients and their image proxies fetch it without credentials.
 * A file id names bytes that never change (a new logo is a new file), so any cache may keep it.
 */
export function organisationLogoRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    app.get(
      '/organisation/logo/:fileId',
      {
        schema: {
          tags: ['organisation'],
          summary: "The organisation's logo as e-mails show it (public, cacheable)",
          description:
            'Only a file uploaded as the logo; any other id, or a file of another kind, is 404. The content never changes for an id.',
          security: [],
          params: OrganisationLogoParamsSchema,
          response: {
            200: Type.Unsafe({ type: 'string', format: 'binary', description: 'The PNG or JPEG' }),
            ...problemResponses(404),
          },
        },
      },
      async (request, reply) => {
        const logo = await organisationLogo(deps.pool, request.params.fileId);
        if (!logo) throw new ProblemError(404, 'ORGANISATION_LOGO_NOT_FOUND', 'No logo has this id.');
        return (
          reply
            .type(logo.contentType)
            .header('cache-control', 'public, max-age=31536000, immutable')
            // Helmet's default (same-origin) would let a webmail on another origin show no logo.
            .header('cross-origin-resource-policy', 'cross-origin')
            .send(logo.bytes) as never
        );
      },
    );
  };
}
