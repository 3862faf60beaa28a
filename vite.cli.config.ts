import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The Node programs beside the desktop app, built to plain JavaScript so they start at once:
// `shance` (src/cli), the browser door (`npm run web`) and the job worker both of them start.
// Every chunk lands flat in out/cli, two levels below the repository like out/main, so the paths
// the code works out from its own location (templates/, out/renderer, jobWorker.js) hold.
export default defineConfig({
  // Packages stay in node_modules (the native ones must: better-sqlite3, sharp, @node-rs/jieba, pg,
  // PGlite), except zod, bundled in: it is dozens of files to resolve at every start, and the CLI
  // needs it before it can print a line.
  ssr: { noExternal: ['zod'] },
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { shance: resolve('src/cli/main.ts'), web: resolve('src/server/main.ts'), jobWorker: resolve('src/core/jobs/jobWorker.ts') },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
