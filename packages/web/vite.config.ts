import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * `call(schema, …)` checks answers against the contract in development builds only (src/api/client.ts);
 * a production build drops the schema argument of every client call so the zod schemas stay out of the
 * bundles (the phone portal's first load has a budget of 300 KB).
 */
const contractChecksInDevelopmentOnly = (): Plugin => ({
  name: 'contract-checks-in-development-only',
  apply: 'build',
  transform(code, id) {
    if (!id.includes('/src/api/endpoints/')) return null;
    return { code: code.replace(/\bcall\(\s*[A-Za-z_$][\w$]*\s*,/g, 'call(undefined,'), map: null };
  },
});

export default defineConfig({
  root: here('.'),
  plugins: [react(), contractChecksInDevelopmentOnly()],
  resolve: { alias: { '@dangjian/core': here('../core/src/index.ts') } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // The core is pure (no I/O, no globals): let unused modules such as the zod policy schemas drop out.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/packages/core/src/') },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3200' } },
});
