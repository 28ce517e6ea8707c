// Builds the server ahead of time into dist/server (one ES module; packages stay in node_modules),
// so `npm start` runs plain JavaScript: no TypeScript transpiler in memory, a fast second start.
// The migrations are copied beside it (server/db/client.ts finds them next to the code).
// `node scripts/build-server.mjs` builds; `needsServerBuild()` tells start.mjs when to.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/server');
const entry = path.join(out, 'main.js');

/** The newest modification time of any file below dir (start.mjs compares the web build with it too). */
export function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

export function needsServerBuild() {
  if (!existsSync(entry)) return true;
  const sources = Math.max(newest(path.join(root, 'server')), newest(path.join(root, 'domain')), statSync(path.join(root, 'package.json')).mtimeMs);
  return statSync(entry).mtimeMs < sources;
}

export async function buildServer() {
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'server/main.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  cpSync(path.join(root, 'server/db/migrations'), path.join(out, 'migrations'), { recursive: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildServer();
