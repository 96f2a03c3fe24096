// Builds the tab: root src/tab, output dist/tab (served by the server at /).
// Vite 8 transforms TSX with oxc; the automatic JSX runtime matches tsconfig's "react-jsx".

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const tabRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/tab', import.meta.url));

/** `vite` dev server only: where the server's /api lives (e.g. TAB_API_ORIGIN=http://127.0.0.1:3978). */
const apiOrigin = process.env['TAB_API_ORIGIN'];

export default defineConfig({
  root: tabRoot,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      onwarn(warning, defaultHandler) {
        // Fluent UI marks its modules 'use client' for React Server Components; a client-only SPA
        // bundle can drop the directive safely.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        defaultHandler(warning);
      },
      // Two pages: the tab (index.html) and the Outlook add-in's task pane (addin/pane.html), so the
      // pane's code never loads with the tab.
      input: { main: fileURLToPath(new URL('index.html', import.meta.url)), pane: fileURLToPath(new URL('addin/pane.html', import.meta.url)) },
      output: {
        // Say what the on-demand host SDK chunks are (their entry files are otherwise named
        // "src" and "dist"), so bundle-size reports are readable.
        chunkFileNames: (chunk) => {
          const facade = chunk.facadeModuleId ?? '';
          if (facade.includes('/@microsoft/teams-js/')) return 'assets/teams-js-[hash].js';
          if (facade.includes('/@azure/msal-browser/')) return 'assets/msal-browser-[hash].js';
          return 'assets/[name]-[hash].js';
        },
      },
    },
  },
  server: apiOrigin ? { proxy: { '/api': { target: apiOrigin, changeOrigin: false } } } : {},
});
