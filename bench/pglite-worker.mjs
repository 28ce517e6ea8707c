// Worker thread for bench/engines.ts: owns a PGlite database (the extensions the schema needs) and
// serves it on a loopback port with pglite-socket, so the app reaches it through node-postgres like
// any PostgreSQL server while PGlite's WebAssembly runs off the app's thread.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

process.on('unhandledRejection', (e) => {
  console.error(`pglite worker: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

const db = await PGlite.create({
  dataDir: workerData.dataDir,
  extensions: { ltree, pg_trgm },
  postgresqlconf: 'max_wal_size = 64MB\nmin_wal_size = 32MB\n',
});
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: workerData.port, maxConnections: 100 });
await server.start();
parentPort.postMessage({ ready: true });
parentPort.on('message', async (msg) => {
  if (msg === 'stop') {
    await server.stop();
    await db.close();
    parentPort.postMessage({ stopped: true });
  }
});
