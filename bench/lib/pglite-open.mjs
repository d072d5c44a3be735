// Startup baseline: a bare PGlite.create on an existing data dir (with ltree, as the server opens it),
// one `select 1`, then close. Prints "ready <ms>" (in-process time) once the query has answered.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';

const dir = process.argv[2];
const t0 = performance.now();
const db = await PGlite.create(path.join(path.resolve(dir), 'pgdata'), { extensions: { ltree } });
await db.query('select 1');
process.stdout.write(`ready ${(performance.now() - t0).toFixed(1)}\n`);
await db.close();
