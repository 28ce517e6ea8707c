import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.resolve(root, 'web'),
  plugins: [react()],
  build: {
    outDir: path.resolve(root, 'dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      input: {
        main: path.resolve(root, 'web/index.html'),
        // the phone ballot page: its own light entry, served at /ballot (web/src/ballot)
        ballot: path.resolve(root, 'web/ballot/index.html'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
