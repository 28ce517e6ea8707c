// `npm start`: builds the web app and the server when they are missing or older than their
// sources, then serves from the build (migrations, first-start admin account and demo data happen
// in `server/main.ts serve`).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildServer, needsServerBuild, newest } from './build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist/web/index.html');

const sources = Math.max(newest(path.join(root, 'web')), statSync(path.join(root, 'vite.config.ts')).mtimeMs);
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log('building the web app …');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (needsServerBuild()) {
  console.log('building the server …');
  await buildServer();
}

process.chdir(root);
process.argv = [process.argv[0], path.join(root, 'dist/server/main.js'), 'serve'];
await import(pathToFileURL(path.join(root, 'dist/server/main.js')).href);
