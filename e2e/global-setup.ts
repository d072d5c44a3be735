import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rootDir } from './harness';

/** The tests drive what users get: the built server serving the freshly built web app. */
export default function setup() {
  if (!existsSync(`${rootDir}/packages/server/dist/main.js`)) {
    throw new Error('先构建服务端：npx tsc -b packages/server && node scripts/copy-migrations.mjs');
  }
  if (process.env.E2E_SKIP_WEB_BUILD !== '1') {
    execFileSync(
      process.execPath,
      [`${rootDir}/node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn'],
      {
        cwd: `${rootDir}/packages/web`,
        // Vitest sets NODE_ENV=test, which would make Vite produce a development-flavoured bundle.
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: 'inherit',
      },
    );
  }
}
