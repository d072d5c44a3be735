// tsc compiles code only: the SQL migrations travel to dist beside the compiled engine.
import fs from 'node:fs';

const from = new URL('../packages/server/src/db/migrations', import.meta.url);
const to = new URL('../packages/server/dist/db/migrations', import.meta.url);
fs.rmSync(to, { recursive: true, force: true });
fs.cpSync(from, to, { recursive: true });
