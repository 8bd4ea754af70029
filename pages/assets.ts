/**
 * The few static files the pages use, read once at start and served from memory: our stylesheet,
 * our scripts, and the signature pad library from its npm package. Nothing else is reachable.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
const here = (file: string) => path.join(import.meta.dirname, 'assets', file);

const FILES: Record<string, { file: string; type: string }> = {
  'pages.css': { file: here('pages.css'), type: 'text/css; charset=utf-8' },
  'signature_pad.js': {
    // The package exports only its entry points: its minified UMD build sits beside the CommonJS one.
    file: path.join(path.dirname(require.resolve('signature_pad')), 'signature_pad.umd.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

/** Registers an extra script of a page module (e.g. the signing page's glue code). */
export function pageAsset(name: string, file: string, type = 'text/javascript; charset=utf-8'): void {
  FILES[name] = { file, type };
}

export function assetRoutes(app: FastifyInstance): void {
  const loaded = new Map<string, { body: Buffer; type: string }>();
  const load = (name: string) => {
    const known = FILES[name];
    if (!known) return null;
    const cached = loaded.get(name) ?? { body: readFileSync(known.file), type: known.type };
    loaded.set(name, cached);
    return cached;
  };
  app.get<{ Params: { name: string } }>(
    '/assets/:name',
    { schema: { hide: true } },
    async (request, reply) => {
      const asset = load(request.params.name);
      if (!asset) return reply.callNotFound();
      return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
    },
  );
}
