import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Workbench } from '../../../domain/schemas/workbench';
import { requireActor } from '../../plugins/auth';
import { getWorkbench } from './service';

export async function workbenchRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/workbench', { schema: { tags: ['workbench'], response: { 200: Workbench } } }, async (req) =>
    getWorkbench(requireActor(req)),
  );
}
