import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import { default as addFormats } from 'ajv-formats';
import Fastify, { type FastifyInstance } from 'fastify';
import { setAuditKey } from './audit';
import type { Config } from './config';
import type { Database } from './db/client';
import { Live } from './live';
import { activityRoutes } from './modules/activities/routes';
import { assessmentRoutes } from './modules/assessments/routes';
import { auditRoutes } from './modules/audit/routes';
import { complianceRoutes } from './modules/compliance/routes';
import { dashboardRoutes } from './modules/dashboard/routes';
import { demandRoutes } from './modules/demands/routes';
import { authRoutes } from './modules/auth/routes';
import { exportRoutes } from './modules/exports/routes';
import { healthRoutes } from './modules/health/routes';
import { importRoutes } from './modules/imports/routes';
import { ledgerRoutes } from './modules/ledgers/routes';
import { memberRoutes } from './modules/members/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { orgRoutes } from './modules/orgs/routes';
import { pairingRoutes } from './modules/pairings/routes';
import { projectRoutes } from './modules/projects/routes';
import { userRoutes } from './modules/users/routes';
import { workbenchRoutes } from './modules/workbench/routes';
import { authPlugin } from './plugins/auth';
import { errorsPlugin } from './plugins/errors';
import { inputPlugin } from './plugins/input';
import { headersPlugin } from './plugins/headers';
import { webPlugin } from './plugins/web';

export const VERSION = '0.1.0';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
    live: Live;
  }
}

function makeAjv(coerce: boolean) {
  // Bodies are strict: wrong types and unknown fields are errors, never silently fixed or dropped.
  const ajv = new Ajv({ coerceTypes: coerce ? 'array' : false, removeAdditional: false, useDefaults: true, allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

export async function buildApp(opts: { database: Database; config: Config; logger?: boolean }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: opts.config.logLevel } : false,
    genReqId: () => randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: opts.config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));

  setAuditKey(opts.config.secretKey);
  app.decorate('database', opts.database);
  app.decorate('config', opts.config);
  const live = new Live(opts.database.pool);
  await live.start();
  app.decorate('live', live);
  app.addHook('onClose', async () => live.stop());
  await app.register(errorsPlugin);
  await app.register(inputPlugin);
  await app.register(headersPlugin);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'gongjian API', version: VERSION, description: '共建 — grassroots Party organization work' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'gj_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin, { database: opts.database, config: opts.config });

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(userRoutes);
      await api.register(orgRoutes);
      await api.register(memberRoutes);
      await api.register(auditRoutes);
      await api.register(importRoutes);
      await api.register(exportRoutes);
      await api.register(activityRoutes);
      await api.register(ledgerRoutes);
      await api.register(complianceRoutes);
      await api.register(dashboardRoutes);
      await api.register(notificationRoutes);
      await api.register(pairingRoutes);
      await api.register(demandRoutes);
      await api.register(assessmentRoutes);
      await api.register(projectRoutes);
      await api.register(workbenchRoutes);
      api.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
    },
    { prefix: '/api/v1' },
  );

  if (existsSync(opts.config.webDist)) {
    await app.register(webPlugin, { root: opts.config.webDist });
  }
  return app;
}
