/**
 * One URL, two audiences: a person's browser opening `/links/<purpose>/<token>` gets a page, and
 * a JSON client calling the same URL keeps the JSON route. The router tells them apart by what
 * the request asks for (a route constraint), so neither side needs to know the other exists.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';

type ConstraintStrategy = NonNullable<
  NonNullable<FastifyServerOptions['routerOptions']>['constraints']
>[string];
type StoredHandler = ReturnType<ReturnType<ConstraintStrategy['storage']>['get']>;

export const PAGE_SURFACE = { surface: 'page' } as const;

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** A browser navigation (asks for HTML) or a browser form submission. */
export function wantsPage(request: IncomingMessage): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') {
    return (request.headers.accept ?? '').includes('text/html');
  }
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  return FORM_TYPES.some((form) => type.startsWith(form));
}

/** The router's strategy: routes constrained to `page` serve browsers; unconstrained routes serve everyone else. */
export const surfaceConstraint: ConstraintStrategy = {
  name: 'surface',
  storage() {
    const handlers = new Map<string, StoredHandler>();
    return {
      get: (value: string) => handlers.get(value) ?? null,
      set: (value: string, store: StoredHandler) => {
        handlers.set(value, store);
      },
    };
  },
  validate(value: unknown) {
    if (value !== 'page') throw new Error('the surface constraint only takes "page"');
  },
  deriveConstraint: (request: IncomingMessage) => (wantsPage(request) ? 'page' : 'api'),
  mustMatchWhenDerived: false,
};
