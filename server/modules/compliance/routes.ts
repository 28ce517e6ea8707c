import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Id } from '../../../domain/schemas/common';
import { ComplianceQuery, ComplianceReport, RollupQuery, RollupReport, RulePackVersion, RulePackVersionCreate } from '../../../domain/schemas/compliance';
import { requireActor } from '../../plugins/auth';
import * as service from './service';

const tags = ['compliance'];

export async function complianceRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/compliance', { schema: { tags, querystring: ComplianceQuery, response: { 200: ComplianceReport } } }, async (req) =>
    service.orgCompliance(requireActor(req), req.query.org, req.query.period),
  );

  app.get('/compliance/rollup', { schema: { tags, querystring: RollupQuery, response: { 200: RollupReport } } }, async (req) =>
    service.subtreeRollup(requireActor(req), req.query.org, req.query.period, req.query.laggingLimit),
  );

  app.get(
    '/orgs/:id/rule-pack-versions',
    { schema: { tags, params: Type.Object({ id: Id }), response: { 200: Type.Object({ items: Type.Array(RulePackVersion) }) } } },
    async (req) => ({ items: await service.listRulePackVersions(requireActor(req), req.params.id) }),
  );

  app.post(
    '/orgs/:id/rule-pack-versions',
    { schema: { tags, params: Type.Object({ id: Id }), body: RulePackVersionCreate, response: { 201: RulePackVersion } } },
    async (req, reply) =>
      reply.status(201).send(
        await service.addRulePackVersion(requireActor(req), req.params.id, { effectiveFrom: req.body.effectiveFrom, override: req.body.override }),
      ),
  );
}
