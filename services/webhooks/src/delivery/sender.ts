/**
 * One delivery attempt: POST the signed CloudEvent to the endpoint and classify the answer.
 * 2xx is delivered; anything else (redirects included: they are not followed), a refused
 * address, a network error or the timeout is a failed attempt with an error code. Nothing of the
 * body or the secret is logged here or returned; the response body is read and dropped.
 *
 * Every address a host name resolves to is checked against the SSRF policy at connect time
 * (`lookup`), so a name that points at a link-local (metadata) address is refused even when the
 * URL looked fine when it was saved.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { AddressPolicy } from '../domain/endpoint-url';
import { addressProblem, hostNameProblem } from '../domain/endpoint-url';

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface SendResult {
  startedAt: Date;
  latencyMs: number;
  statusCode: number | null;
  /** Null when delivered (2xx). */
  error: string | null;
  delivered: boolean;
}

export interface Sender {
  send(request: SendRequest): Promise<SendResult>;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

class RefusedAddressError extends Error {
  readonly code = 'refused_address';
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection_refused',
  ECONNRESET: 'connection_reset',
  EPIPE: 'connection_reset',
  ENOTFOUND: 'dns_error',
  EAI_AGAIN: 'dns_error',
  EHOSTUNREACH: 'host_unreachable',
  ENETUNREACH: 'host_unreachable',
  ETIMEDOUT: 'timeout',
  refused_address: 'refused_address',
  timeout: 'timeout',
};

function errorCodeOf(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES[code] !== undefined) return NETWORK_CODES[code];
    if (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL')) return 'tls_error';
  }
  return 'network_error';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup, then the SSRF policy on every address it found. */
export function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.find((a) => addressProblem(a.address, policy) !== undefined);
      if (refused !== undefined) return callback(new RefusedAddressError(`${hostname} resolves to a refused address`), '', 0);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (first === undefined) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

export function createSender(options: { policy: AddressPolicy; userAgent: string; maxSocketsPerHost?: number }): Sender {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerHost ?? 16, maxFreeSockets: 4, timeout: 60_000 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const lookup = guardedLookup(options.policy);

  return {
    send(request) {
      const startedAt = new Date();
      const t0 = performance.now();
      const done = (statusCode: number | null, error: string | null): SendResult => ({
        startedAt,
        latencyMs: performance.now() - t0,
        statusCode,
        error,
        delivered: error === null,
      });
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return Promise.resolve(done(null, 'invalid_url'));
      }
      // An IP literal never goes through lookup: check it here (and a host name's own rules).
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const hostProblem = isIP(host) === 0 ? hostNameProblem(host, options.policy) : addressProblem(host, options.policy);
      if (hostProblem !== undefined) return Promise.resolve(done(null, 'refused_address'));
      const isHttps = url.protocol === 'https:';
      const body = Buffer.from(request.body, 'utf8');

      return new Promise<SendResult>((resolve) => {
        let settled = false;
        const finish = (result: SendResult): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(result);
        };
        const req = (isHttps ? https : http).request(url, {
          method: 'POST',
          agent: isHttps ? httpsAgent : httpAgent,
          lookup,
          headers: { ...request.headers, 'content-length': String(body.length), 'user-agent': options.userAgent },
        });
        const timer = setTimeout(() => {
          finish(done(null, 'timeout'));
          req.destroy(Object.assign(new Error('attempt timed out'), { code: 'timeout' }));
        }, request.timeoutMs);
        req.on('response', (res) => {
          const status = res.statusCode ?? 0;
          finish(done(status, status >= 200 && status < 300 ? null : `http_${status}`));
          // Read and drop the answer so the socket can be reused; never longer than a second attempt would wait.
          res.resume();
          res.setTimeout(request.timeoutMs, () => res.destroy());
          res.on('error', () => undefined);
        });
        req.on('error', (err) => finish(done(null, errorCodeOf(err))));
        req.end(body);
      });
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
