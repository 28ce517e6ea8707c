import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateString, Id, ListQuery, Nullable } from '../../../domain/schemas/common';
import { listAudit } from '../../audit';
import type { Ctx } from '../../context';
import { forbidden } from '../../errors';
import { requireActor } from '../../plugins/auth';

const AuditEvent = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorUserId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Nullable(Type.String()),
});

/** Admins read the whole log; organization admins the events of their subtrees. */
function auditScopes(ctx: Ctx): string[] | null {
  const grants = ctx.actor.grants.filter((g) => g.role === 'admin' || g.role === 'org_admin');
  if (grants.length === 0) throw forbidden();
  if (grants.some((g) => g.orgPath === null)) return null;
  return grants.map((g) => g.orgPath!);
}

export async function auditRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: Type.Object(
          {
            subjectType: Type.Optional(Type.String({ maxLength: 50 })),
            subjectId: Type.Optional(Id),
            actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'user id or username' })),
            from: Type.Optional(DateString()),
            to: Type.Optional(DateString()),
            ...ListQuery,
            // this list pages by event number: anything else is a field error, not a query PostgreSQL refuses
            cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(AuditEvent), nextCursor: Nullable(Type.String()) }) },
      },
    },
    async (req) => {
      const ctx = requireActor(req);
      const query = { ...req.query, to: req.query.to ? `${req.query.to}T23:59:59.999+08:00` : undefined, from: req.query.from ? `${req.query.from}T00:00:00+08:00` : undefined };
      return listAudit(ctx.db, auditScopes(ctx), query);
    },
  );
}
