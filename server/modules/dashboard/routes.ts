import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Dashboard, DashboardQuery } from '../../../domain/schemas/dashboard';
import { requireActor } from '../../plugins/auth';
import * as service from './service';

const tags = ['dashboard'];

export async function dashboardRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/dashboard', { schema: { tags, querystring: DashboardQuery, response: { 200: Dashboard } } }, async (req) =>
    service.getDashboard(requireActor(req), req.query.org),
  );
}
