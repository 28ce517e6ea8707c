import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

// Security headers on every response, the web app's and the API's (OWASP ASVS 14.4).
// The CSP allows only this origin's scripts (Vite emits no inline script) and inline styles,
// which Ant Design's CSS-in-JS injects at run time. data: and blob: images are the QR codes and
// the previews of photos picked for upload.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const headersPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onSend', async (req, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    // the check-in link carries a code in its query: never hand it to another site
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    // req.protocol is https only on a TLS socket or from a trusted proxy (GONGJIAN_TRUST_PROXY)
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=15552000');
    // API answers carry personal data: no browser or proxy cache keeps them; a download that
    // chose its own caching keeps its choice
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
});
