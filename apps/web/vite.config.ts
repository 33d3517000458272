import { defineConfig } from 'vite';

// JSX is compiled by Vite's own esbuild step (jsx: automatic), so no React plugin is needed: the
// app has no use for Fast Refresh that would justify the extra dependency.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is ~800 kB minified; it is split into its own chunk and only the overview and
    // map pages load it.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships comments Rollup cannot place; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': process.env.IOC_API ?? 'http://127.0.0.1:8080',
      '/healthz': process.env.IOC_API ?? 'http://127.0.0.1:8080',
    },
  },
});
