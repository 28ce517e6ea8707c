import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

// The built web app (dist/web): the full app's index page for every client route, the light phone
// entries at their own paths, and the assets. The build writes a .br and a .gz beside each file
// (vite.config.ts); the one the browser accepts goes out, with Vary: Accept-Encoding. Hashed files
// under /assets never change, so browsers keep them for a year; the pages that name them are
// revalidated on every load, so a new release is picked up at once.

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The light phone entries (web/<dir>/index.html, each its own Vite input): the paths that open each. */
const LIGHT_ENTRIES: { url: string; page: string }[] = [
  // slips link to /ballot#<code>
  { url: '/ballot', page: 'ballot/index.html' },
  // the QR code on the organizer's sign-in screen links to /checkin/<activity id>?c=<token>
  { url: '/checkin/*', page: 'checkin/index.html' },
  { url: '/m/record', page: 'm/record/index.html' },
  { url: '/m/demands', page: 'm/demands/index.html' },
];

export async function webPlugin(app: FastifyInstance, opts: { root: string }) {
  const assets = path.join(opts.root, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root: opts.root,
    wildcard: false,
    preCompressed: true,
    // the compressed copies are found through the original's route, never addressed themselves
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply: FastifyReply, file: string) => {
      reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : 'no-cache');
    },
  });
  for (const { url, page } of LIGHT_ENTRIES) app.get(url, (_req, reply) => reply.sendFile(page));
  // The web app routes on the client: any other non-API path serves its index page.
  app.get('/*', (req, reply) => {
    if (req.url.startsWith('/api/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
