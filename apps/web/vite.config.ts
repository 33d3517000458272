import { defineConfig, type Plugin } from 'vite';

/**
 * Fails the build when a server-side library reaches the chunk every page loads. zod (the server's
 * validation) came back once through a schema in @ioc/shared: the web app imports only its plain
 * constants and types, and a module-level schema cannot be tree-shaken.
 */
function keepOutOfEntry(packages: string[]): Plugin {
  return {
    name: 'keep-out-of-entry',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        const found = Object.keys(chunk.modules).filter((id) =>
          packages.some((name) => id.includes(`/node_modules/${name}/`)),
        );
        if (found.length > 0) {
          this.error(`${chunk.fileName} includes ${found[0]}: import types or plain constants only`);
        }
      }
    },
  };
}

// JSX is compiled by Vite's own esbuild step (jsx: automatic), so no React plugin is needed: the
// app has no use for Fast Refresh that would justify the extra dependency.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  plugins: [keepOutOfEntry(['zod'])],
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
