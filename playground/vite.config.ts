/**
 * Vite configuration of the playground (root: this folder). The library is imported from ../src as
 * TypeScript source; the build is static files with relative paths (any folder, any static server), and
 * the worker is an ES module so that it can share chunks with nothing and load the engine on its own.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  worker: { format: 'es' },
  server: { fs: { allow: [repoRoot] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // the bundler's timing table is noise in test logs
    rolldownOptions: { checks: { bundlerTimings: false } },
    // vega + vega-lite make one large chunk; it is loaded once, from disk, offline.
    chunkSizeWarningLimit: 2500,
  },
});
