import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ListOf, Location, Practitioner, VisitType } from '../../../shared/contracts/clinic.js';
import { AppError } from '../../../shared/errors.js';
import type { ClinicService } from './clinic.service.js';

export const clinicRoutes =
  (clinic: ClinicService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/locations', { config: { policy: 'public' }, schema: { tags: ['clinic'], summary: 'Locations with address, phone and hours', response: { 200: ListOf(Location) } } }, async () => ({
      items: await clinic.listLocations(),
    }));
    app.get('/api/practitioners', { config: { policy: 'public' }, schema: { tags: ['clinic'], summary: 'Practitioners, where they work and what they do', response: { 200: ListOf(Practitioner) } } }, async () => ({
      items: await clinic.listPractitioners(),
    }));
    app.get('/api/visit-types', { config: { policy: 'public' }, schema: { tags: ['clinic'], summary: 'Visit types with durations and who may book them online', response: { 200: ListOf(VisitType) } } }, async () => ({
      items: await clinic.listVisitTypes(),
    }));
    app.get('/api/clinic/logo', { config: { policy: 'public' }, schema: { tags: ['clinic'], summary: "The clinic's logo (PNG or JPEG); 404 when it has none" } }, async (_req, reply) => {
      const logo = await clinic.logo();
      if (!logo) throw new AppError('NOT_FOUND', 'The clinic has no logo.', { reason: 'not_found' });
      return reply.type(logo.mediaType).send(logo.bytes);
    });
  };
