// Builds the renderer (renderer/ → dist/renderer). JSX goes through esbuild's automatic runtime, so no React
// plugin is needed; `base: './'` keeps asset URLs relative, which both the local server and Electron's file://
// loading need.
import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'renderer'),
  base: './',
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // three.js alone is ~600 kB minified: one chunk for it keeps the app's own code small and cacheable.
    chunkSizeWarningLimit: 1200,
    rollupOptions: { output: { manualChunks: { three: ['three'], react: ['react', 'react-dom'] } } },
  },
  server: { host: '127.0.0.1' },
});
