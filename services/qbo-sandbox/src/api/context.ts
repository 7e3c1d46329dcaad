import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallCounters } from '../admin/call-counters';
import { meterOf } from '../admin/call-counters';
import type { FaultInjector } from '../faults/fault-injector';
import type { Claim } from '../idempotency/request-ids';
import type { RequestIdCache } from '../idempotency/request-ids';
import type { RateLimiter } from '../limits/rate-limiter';
import type { SandboxSettings } from '../settings';
import { toQboJson } from '../store/money';
import type { SandboxStore } from '../store/store';
import { formatTimestamp } from '../time';
import type { AccessTokenVerifier, Clock } from '../types';
import { randomUUID } from 'node:crypto';
import { notEmulated } from '../faults/not-emulated';
import { acceptsJson, toQboXml } from './xml';

/** What the accounting API's routes need. */
export interface ApiDeps {
  store: SandboxStore;
  settings: SandboxSettings;
  clock: Clock;
  limiter: RateLimiter;
  requestIds: RequestIdCache;
  faultInjector: FaultInjector;
  counters: CallCounters;
  verifier: AccessTokenVerifier;
}

/** Per-request state set by the API's preHandler. */
export interface RequestState {
  realmId: string;
  endpoint: string;
  minorVersion: number;
  isWrite: boolean;
  /** The OAuth client id of the request's access token (metering per app), once authenticated. */
  appId?: string;
  claim?: Claim & { kind: 'execute' };
  responded?: boolean;
  /** The route's success body may be rendered as XML (entity reads and writes). */
  xmlOk?: boolean;
}

const states = new WeakMap<FastifyRequest, RequestState>();

export function setState(request: FastifyRequest, state: RequestState): void {
  states.set(request, state);
}

export function stateOf(request: FastifyRequest): RequestState | undefined {
  return states.get(request);
}

export function serverTime(deps: ApiDeps): string {
  return formatTimestamp(deps.clock.now().getTime(), deps.settings.api.timeZoneOffsetMinutes);
}

/** A QBO JSON body wrapped with the server time: `{ ...payload, "time": "…" }`. */
export function wrap(deps: ApiDeps, payload: Record<string, unknown>): Record<string, unknown> {
  return { ...payload, time: serverTime(deps) };
}

/**
 * Send a response the way every API route does: QBO JSON (exact money), the `requestid`
 * claim completed, the call counted, and — for a committed write with the drop knob rolled —
 * the socket destroyed instead (the client sees a reset, the ledger keeps the write).
 */
export function respond(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply, statusCodeIn: number, payload: unknown, options: { committed?: boolean } = {}): FastifyReply {
  let statusCode = statusCodeIn;
  const state = stateOf(request);
  let xmlBody: string | undefined;
  if (deps.settings.api.accept === 'xml' && !acceptsJson(request.headers.accept) && typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    const rec = payload as Record<string, unknown>;
    const isGateway = 'fault' in rec;
    if (!isGateway) {
      if ('Fault' in rec || state?.xmlOk === true) {
        xmlBody = toQboXml(rec);
      } else {
        // Only faults and entity reads/writes are emulated in XML.
        const fault = notEmulated('field', 'Accept', 'The QBO sandbox answers XML (QBO\'s answer when Accept does not ask for application/json) only for faults and entity reads and writes; send Accept: application/json. This is a limit of the emulator, not an answer of QuickBooks Online.');
        for (const [name, value] of Object.entries(fault.headers)) void reply.header(name, value);
        statusCode = fault.statusCode;
        xmlBody = toQboXml({ Fault: fault.faultFields(), time: serverTime(deps) });
      }
    }
  }
  const body = xmlBody ?? (typeof payload === 'string' ? payload : toQboJson(payload));
  if (state) {
    state.responded = true;
    if (state.claim) {
      state.claim.finish(statusCode < 500 ? { statusCode, body } : undefined);
      state.claim = undefined;
    }
    if (options.committed && state.isWrite && statusCode < 300 && deps.faultInjector.dropAfterCommit(state.realmId)) {
      deps.counters.record(state.realmId, state.endpoint, 'dropped');
      reply.hijack();
      request.raw.socket?.destroy();
      return reply;
    }
    deps.counters.record(state.realmId, state.endpoint, String(statusCode));
    if (statusCode >= 200 && statusCode < 300 && state.appId !== undefined) deps.counters.meter(state.realmId, state.appId, meterOf(state.endpoint, payload));
  }
  for (const [name, value] of Object.entries(deps.settings.api.responseHeaders)) if (value !== '') void reply.header(name, value);
  void reply
    .code(statusCode)
    .header('intuit_tid', randomUUID())
    .header('x-sandbox-minorversion', state ? String(state.minorVersion) : '')
    .type(xmlBody === undefined ? 'application/json;charset=UTF-8' : 'application/xml;charset=UTF-8')
    .send(body);
  return reply;
}
