import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness';

// A built web app as vite.config.ts lays it out (not the real dist/web, which a test run may not have built):
// the full app's page, the light phone entries' pages, hashed assets, each with its .br and .gz.
let t: TestApp;
let web: string;
const SCRIPT = 'console.log("the web app");'.repeat(50);

function write(file: string, text: string, compressed = true) {
  const full = path.join(web, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  if (!compressed) return;
  writeFileSync(`${full}.br`, brotliCompressSync(text));
  writeFileSync(`${full}.gz`, gzipSync(text));
}

beforeAll(async () => {
  web = mkdtempSync(path.join(tmpdir(), 'gj-web-'));
  write('index.html', '<!doctype html><title>full app</title>');
  for (const entry of ['checkin', 'ballot', 'm/record', 'm/demands']) write(`${entry}/index.html`, `<!doctype html><title>${entry}</title>`);
  write('assets/main-abc123.js', SCRIPT);
  write('assets/main-abc123.css', 'body{margin:0}');
  // a small file the build left uncompressed
  write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>', false);
  t = await startTestApp({ webDist: web });
});
afterAll(async () => {
  await t.close();
  rmSync(web, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  t.app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

describe('the built web app', () => {
  it('sends the brotli copy of an asset to a browser that takes it, else gzip, else the plain file; always with Vary', async () => {
    const br = await get('/assets/main-abc123.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gz = await get('/assets/main-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get('/assets/main-abc123.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.payload).toBe(SCRIPT);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    const css = await get('/assets/main-abc123.css', 'br');
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('keeps hashed assets for a year and revalidates the pages that name them', async () => {
    const asset = await get('/assets/main-abc123.js', 'br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/orgs/some-id', '/ballot', '/checkin/some-activity?c=token', '/m/record', '/m/demands', '/favicon.svg']) {
      const res = await get(url, 'gzip, br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('opens each light phone entry at its path and the full app at any other', async () => {
    const page = async (url: string) => {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      return brotliDecompressSync(res.rawPayload).toString();
    };
    expect(await page('/checkin/0191d2a0-activity?c=abc')).toContain('<title>checkin</title>');
    expect(await page('/ballot')).toContain('<title>ballot</title>');
    expect(await page('/m/record')).toContain('<title>m/record</title>');
    expect(await page('/m/demands')).toContain('<title>m/demands</title>');
    expect(await page('/members')).toContain('<title>full app</title>');
    expect(await page('/')).toContain('<title>full app</title>');
  });

  it('never addresses the compressed copies themselves, nor answers an API path with a page', async () => {
    const copy = await get('/assets/main-abc123.js.br', 'identity');
    expect(copy.headers['content-type']).toMatch(/^text\/html/);
    expect(copy.payload).toContain('full app');
    const api = await get('/api/v1/no-such-route', 'br');
    expect(api.statusCode).toBe(404);
    expect(api.headers['cache-control']).toBe('no-store');
  });
});
