import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Uuid } from '../../../shared/contracts/clinic.js';
import {
  ClinicDocument, ClinicSettings, HolidayInput, ImportResult, LocationInput, LogoUpload, OnlineBookingSwitch, OrganizationInput,
  PractitionerInput, RegionInput, RoomInput, SettingsChange, SetupStatus, VisitTypeInput,
} from '../../../shared/contracts/clinic-settings.js';
import type { Clock } from '../../platform/clock.js';
import type { ClinicService } from './clinic.service.js';

const IdParam = z.strictObject({ id: Uuid });
const tags = ['clinic settings'];
const policy = 'clinic.manage' as const;
const changed = { 200: SettingsChange };
const created = { 201: SettingsChange };

/** The admin's clinic settings (issue 11): each change answers the settings after it and the booked visits it left outside them. */
export const clinicSettingsRoutes =
  (clinic: ClinicService, clock: Clock): FastifyPluginAsyncZod =>
  async (app) => {
    const config = { policy };
    app.get('/api/admin/clinic', { config, schema: { tags, summary: 'Every setting of the clinic, with ids', response: { 200: ClinicSettings } } }, () => clinic.get());

    app.put('/api/admin/clinic/organization', { config, schema: { tags, summary: 'Name, phones and web address', body: OrganizationInput, response: changed } }, (req) =>
      clinic.updateOrganization(req.body, req.audit));
    // A 512 KB picture is about 700 KB of base64: above the usual body limit.
    app.put('/api/admin/clinic/logo', { config, bodyLimit: 1024 * 1024, schema: { tags, summary: 'The logo (PNG or JPEG, at most 512 KB)', body: LogoUpload, response: changed } }, (req) =>
      clinic.setLogo(req.body.base64, req.audit));

    app.post('/api/admin/clinic/regions', { config, schema: { tags, summary: 'Add a region', body: RegionInput, response: created } }, async (req, reply) =>
      reply.code(201).send(await clinic.createRegion(req.body, req.audit)));
    app.put('/api/admin/clinic/regions/:id', { config, schema: { tags, summary: 'Rename a region', params: IdParam, body: RegionInput, response: changed } }, (req) =>
      clinic.updateRegion(req.params.id, req.body, req.audit));

    app.post('/api/admin/clinic/locations', { config, schema: { tags, summary: 'Add a location with its weekly hours', body: LocationInput, response: created } }, async (req, reply) =>
      reply.code(201).send(await clinic.createLocation(req.body, req.audit)));
    app.put('/api/admin/clinic/locations/:id', { config, schema: { tags, summary: 'Change a location or its hours (active false: deactivate)', params: IdParam, body: LocationInput, response: changed } }, (req) =>
      clinic.updateLocation(req.params.id, req.body, req.audit));

    app.post('/api/admin/clinic/locations/:id/rooms', { config, schema: { tags, summary: 'Add a room at a location', params: IdParam, body: RoomInput, response: created } }, async (req, reply) =>
      reply.code(201).send(await clinic.createRoom(req.params.id, req.body, req.audit)));
    app.put('/api/admin/clinic/rooms/:id', { config, schema: { tags, summary: 'Change a room (active false: deactivate)', params: IdParam, body: RoomInput, response: changed } }, (req) =>
      clinic.updateRoom(req.params.id, req.body, req.audit));

    app.post('/api/admin/clinic/holidays', { config, schema: { tags, summary: 'Close one location or all on a day, or from a day through another', body: HolidayInput, response: created } }, async (req, reply) =>
      reply.code(201).send(await clinic.createHolidays(req.body, req.audit)));
    app.delete('/api/admin/clinic/holidays/:id', { config, schema: { tags, summary: 'Open a closed day again', params: IdParam, response: changed } }, (req) =>
      clinic.deleteHoliday(req.params.id, req.audit));

    app.post('/api/admin/clinic/practitioners', { config, schema: { tags, summary: 'Add a practitioner with visit types and weekly hours', body: PractitionerInput, response: created } }, async (req, reply) =>
      reply.code(201).send(await clinic.createPractitioner(req.body, req.audit)));
    app.put('/api/admin/clinic/practitioners/:id', { config, schema: { tags, summary: 'Change a practitioner; the schedule given replaces the old one', params: IdParam, body: PractitionerInput, response: changed } }, (req) =>
      clinic.updatePractitioner(req.params.id, req.body, req.audit));

    app.post('/api/admin/clinic/visit-types', { config, schema: { tags, summary: 'Add a visit type', body: VisitTypeInput, response: created } }, async (req, reply) =>
      reply.code(201).send(await clinic.createVisitType(req.body, req.audit)));
    app.put('/api/admin/clinic/visit-types/:id', { config, schema: { tags, summary: 'Change a visit type (active false: deactivate)', params: IdParam, body: VisitTypeInput, response: changed } }, (req) =>
      clinic.updateVisitType(req.params.id, req.body, req.audit));

    app.get('/api/admin/clinic/setup', { config, schema: { tags, summary: 'The set-up checklist, and whether online booking may open', response: { 200: SetupStatus } } }, () => clinic.setup());
    app.put('/api/admin/clinic/online-booking', { config, schema: { tags, summary: 'Open or close online booking (opens only when the checklist is done)', body: OnlineBookingSwitch, response: { 200: SetupStatus } } }, (req) =>
      clinic.setOnlineBooking(req.body.open, req.audit));

    app.get('/api/admin/clinic/export', { config, schema: { tags, summary: 'The settings as one document to import elsewhere (a download)', response: { 200: ClinicDocument } } }, async (req, reply) => {
      const doc = await clinic.exportDocument(req.audit);
      const day = new Date(clock.now()).toISOString().slice(0, 10);
      return reply.header('content-disposition', `attachment; filename="relief-clinic-settings-${day}.json"`).send(doc);
    });
    // A document carries the logo too (up to about 700 KB of base64).
    app.post('/api/admin/clinic/import', { config, bodyLimit: 4 * 1024 * 1024, schema: { tags, summary: 'Import a settings document: every problem named and nothing changed, or all of it', body: ClinicDocument, response: { 200: ImportResult } } }, (req) =>
      clinic.importDocument(req.body, req.audit));
  };

