import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      // The job worker (imports, exports, the duplicate check off the main thread) is its own entry.
      rollupOptions: { input: { index: resolve('src/main/index.ts'), jobWorker: resolve('src/core/jobs/jobWorker.ts') } },
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load ES modules or other files: emit one CommonJS file.
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    // electron-vite leaves the renderer unminified; what ships is minified. Screens past the first
    // are split off by React.lazy (App.tsx, extensions.tsx); `npm run build` prints the sizes.
    build: { minify: true, rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react()],
  },
});
