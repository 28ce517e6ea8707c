import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import { VERSION } from '../../app';

const Engine = Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]);

export async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        security: [],
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Engine, version: Type.String() }),
          // the database is gone (its server process died): a supervisor should restart the app
          503: Type.Object({ status: Type.Literal('unavailable'), database: Engine, version: Type.String() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await app.database.db.execute(sql`select 1`);
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: app.database.kind, version: VERSION });
      }
      return { status: 'ok' as const, database: app.database.kind, version: VERSION };
    },
  );
}
