/** The console's web build: React, every asset bundled (no CDN), hashed names under assets/. */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// eslint-disable-next-line no-restricted-syntax -- Vite reads the default export
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite --config vite.config.ts` during development: the APIs of a running `make demo`.
    proxy: {
      '/api/connector': { target: 'http://127.0.0.1:8081', rewrite: (path) => path.slice('/api/connector'.length) },
      '/api/mapping': { target: 'http://127.0.0.1:8082', rewrite: (path) => path.slice('/api/mapping'.length) },
      '/api/customer-sync': { target: 'http://127.0.0.1:8084', rewrite: (path) => path.slice('/api/customer-sync'.length) },
      '/api/metrics': { target: 'http://127.0.0.1:8085', rewrite: (path) => path.slice('/api/metrics'.length) },
    },
  },
});
