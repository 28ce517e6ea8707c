import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateString, Id, ListQuery, Nullable } from '../../../domain/schemas/common';
import { AUDIT_SUBJECTS } from '../../../domain/audit/labels';
import { requireActor } from '../../plugins/auth';
import { listAuditEvents } from './service';

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
  /** the subject's name as it is now (an organization's or member's name, a title), when it still exists */
  subjectName: Nullable(Type.String()),
  /** the organization the event is filed under */
  orgId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
});

export async function auditRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: Type.Object(
          {
            subjectType: Type.Optional(Type.Enum(Object.keys(AUDIT_SUBJECTS))),
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
        response: {
          200: Type.Object({
            items: Type.Array(AuditEvent),
            nextCursor: Nullable(Type.String()),
            /** names of the ids the page mentions (subjects, actors, ids inside before and after) */
            names: Type.Record(Type.String(), Type.String()),
          }),
        },
      },
    },
    async (req) => {
      const ctx = requireActor(req);
      const query = { ...req.query, to: req.query.to ? `${req.query.to}T23:59:59.999+08:00` : undefined, from: req.query.from ? `${req.query.from}T00:00:00+08:00` : undefined };
      return listAuditEvents(ctx, query);
    },
  );
}
