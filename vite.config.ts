import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every built text file, once at build time, so
 * the server sends them as they are (server/plugins/web.ts) instead of compressing on each request.
 */
function precompress(): Plugin {
  const worthIt = /\.(js|css|html|svg|json)$/;
  return {
    name: 'gongjian-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? path.resolve(root, 'dist/web');
      // this build's files only (the public folder holds nothing worth it), never whatever else is in the folder
      for (const [name, output] of Object.entries(bundle)) {
        if (!worthIt.test(name)) continue;
        const content = Buffer.from(output.type === 'chunk' ? output.code : output.source);
        if (content.length < 1024) continue; // smaller than the headers a compressed answer adds
        const file = path.join(dir, name);
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/**
 * `…/zh.json?labels` (web/src/phone/messages.ts): only the `enums` of a text table, as a module of its
 * own, so the light phone pages do not share the web app's whole tables.
 */
function labels(): Plugin {
  return {
    name: 'gongjian-labels',
    load(id) {
      if (!id.endsWith('.json?labels')) return null;
      const table = JSON.parse(readFileSync(id.slice(0, -'?labels'.length), 'utf8')) as { enums: unknown };
      return { code: `export const enums = ${JSON.stringify(table.enums)};`, moduleType: 'js' };
    },
  };
}

/** The dev server opens the light entries at the paths the server gives them (server/plugins/web.ts). */
function lightEntriesInDev(): Plugin {
  return {
    name: 'gongjian-light-entries',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const pathname = req.url?.split('?')[0] ?? '';
        if (pathname.startsWith('/checkin/')) req.url = '/checkin/index.html';
        else if (['/ballot', '/m/record', '/m/demands'].includes(pathname)) req.url = `${pathname}/index.html`;
        next();
      });
    },
  };
}

export default defineConfig({
  root: path.resolve(root, 'web'),
  plugins: [react(), labels(), lightEntriesInDev(), precompress()],
  build: {
    outDir: path.resolve(root, 'dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      input: {
        main: path.resolve(root, 'web/index.html'),
        // the phone ballot page: its own light entry, served at /ballot (web/src/ballot)
        ballot: path.resolve(root, 'web/ballot/index.html'),
        // the member's phone pages, light entries too (web/src/phone), served at /checkin/<id>, /m/record, /m/demands
        checkin: path.resolve(root, 'web/checkin/index.html'),
        record: path.resolve(root, 'web/m/record/index.html'),
        demands: path.resolve(root, 'web/m/demands/index.html'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
