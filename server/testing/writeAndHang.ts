// For server/db/client.test.ts: opens the embedded database in a data directory, commits one row,
// says so, and waits to be killed (-9), as a crashed app would be.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client';

const [dataDir, secretKey, name] = process.argv.slice(2);
const database = await openDatabase({ url: null, dataDir: dataDir!, engine: 'postgres', secretKey: secretKey! });
await database.db.execute(sql`insert into orgs (id, path, name, type) values ('k1', 'k1', ${name!}, 'committee')`);
process.stdout.write('written\n');
setInterval(() => undefined, 60_000);
