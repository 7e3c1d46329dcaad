import { LedgerbusError, ValidationError } from '@ledgerbus/kit';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { QboFault } from '../faults/qbo-fault';
import { toQboJson } from '../store/money';
import type { DeepPartial, SandboxSettings } from '../settings';
import type { SandboxAdmin } from './admin-api';
import { advanceClockBody, createCompanyBody, mergeBody, resetCompanyBody, settingsPatch } from './admin.schemas';

export const ADMIN_PREFIX = '/_sandbox';

function parse<T extends z.ZodType>(schema: T, request: FastifyRequest): z.infer<T> {
  const result = schema.safeParse(request.body ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ValidationError(`Invalid body: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { issues });
  }
  return result.data;
}

/** The test/admin HTTP API under /_sandbox (separate from QBO's URLs; not part of QBO). */
export function adminRoutes(admin: SandboxAdmin): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.setErrorHandler((error, _request, reply) => {
      if (error instanceof LedgerbusError) {
        return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message, details: error.details } });
      }
      if (error instanceof QboFault) return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message, details: error.errors } });
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== undefined && status < 500) return reply.code(status).send({ error: { code: 'bad_request', message: (error as Error).message } });
      return reply.code(500).send({ error: { code: 'internal', message: 'Internal error' } });
    });
    const json = (value: unknown): string => toQboJson(value);

    app.get(`${ADMIN_PREFIX}/companies`, async () => ({ companies: admin.listCompanies() }));
    app.post(`${ADMIN_PREFIX}/companies`, async (request, reply) => {
      const body = parse(createCompanyBody, request);
      return reply.code(201).send(admin.createCompany(body));
    });
    app.delete<{ Params: { realmId: string } }>(`${ADMIN_PREFIX}/companies/:realmId`, async (request, reply) => {
      if (!admin.deleteCompany(request.params.realmId)) throw new LedgerbusError('not_found', `No company ${request.params.realmId}`, { statusCode: 404 });
      return reply.code(204).send();
    });
    app.post<{ Params: { realmId: string } }>(`${ADMIN_PREFIX}/companies/:realmId/reset`, async (request) => admin.resetCompany(request.params.realmId, parse(resetCompanyBody, request)));
    app.get<{ Params: { realmId: string } }>(`${ADMIN_PREFIX}/companies/:realmId/counts`, async (request) => ({ realmId: request.params.realmId, counts: admin.counts(request.params.realmId) }));
    app.get<{ Params: { realmId: string; entity: string } }>(`${ADMIN_PREFIX}/companies/:realmId/entities/:entity`, async (request, reply) => {
      const rows = admin.entities(request.params.realmId, request.params.entity);
      return reply.type('application/json').send(json({ entity: request.params.entity, count: rows.length, entities: rows }));
    });
    app.post<{ Params: { realmId: string } }>(`${ADMIN_PREFIX}/companies/:realmId/merge-customers`, async (request, reply) => {
      const body = parse(mergeBody, request);
      return reply.type('application/json').send(json({ Customer: admin.mergeCustomers(request.params.realmId, body.fromId, body.intoId) }));
    });
    app.get<{ Params: { realmId: string } }>(`${ADMIN_PREFIX}/companies/:realmId/calls`, async (request) => ({ realmId: request.params.realmId, calls: admin.calls(request.params.realmId) }));
    app.delete<{ Params: { realmId: string } }>(`${ADMIN_PREFIX}/companies/:realmId/calls`, async (request, reply) => {
      admin.resetCalls(request.params.realmId);
      return reply.code(204).send();
    });
    app.get<{ Params: { realmId: string } }>(`${ADMIN_PREFIX}/companies/:realmId/metering`, async (request) => admin.metering(request.params.realmId));
    app.get(`${ADMIN_PREFIX}/metering`, async () => admin.meteringAll());
    app.get(`${ADMIN_PREFIX}/settings`, async () => admin.getSettings());
    app.patch(`${ADMIN_PREFIX}/settings`, async (request) => admin.updateSettings(parse(settingsPatch, request) as DeepPartial<SandboxSettings>));
    app.get(`${ADMIN_PREFIX}/clock`, async () => ({ now: admin.now().toISOString() }));
    app.post(`${ADMIN_PREFIX}/clock/advance`, async (request) => ({ now: admin.advanceClock(parse(advanceClockBody, request).ms).toISOString() }));
    app.post(`${ADMIN_PREFIX}/snapshot`, async () => admin.snapshot());
    app.post(`${ADMIN_PREFIX}/reset`, async (_request, reply) => {
      admin.resetAll();
      return reply.code(204).send();
    });
  };
}
