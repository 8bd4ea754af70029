import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Generated clients name their functions after operationIds: each route gets one from its method
 * and path (POST /missions/:missionId/sessions → postMissionsByMissionIdSessions), so it is stable
 * as long as the route is, and unique because method and path are.
 */
export function operationIdFor(method: string, url: string): string {
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const words = url
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `By${capital(segment.slice(1))}` : segment))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/).filter(Boolean));
  return [method.toLowerCase(), ...words.map(capital)].join('');
}

/** The OpenAPI document is generated from the routes' own schemas, so it cannot drift from them. */
export const openapi = fp(async (app: FastifyInstance, options: { ui: boolean }) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mission orchestration API',
        version: '0.1.0',
        description:
          'Commands into the mission workflows and reads from the missions read model. Every error is RFC 9457 problem details with a stable `code`.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearer: [] }],
      // Relative: the API is wherever this document is served from, in every deployment.
      servers: [{ url: '/', description: 'The origin serving this document' }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  // Swagger UI is a tool for developers, not something production serves to the world.
  if (options.ui) await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
