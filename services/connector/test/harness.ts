/**
 * Integration harness: the QBO sandbox on an ephemeral port, real PostgreSQL (a fresh
 * schema per test), real Kafka, and connector instances built with the service factory.
 */
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { createKafkaBus } from '@ledgerbus/bus';
import type { IncomingMessage, MessageBus, RetryOptions, Subscription } from '@ledgerbus/bus';
import type { TopicDefinition } from '@ledgerbus/contracts';
import { createDatabase } from '@ledgerbus/db';
import type { Database } from '@ledgerbus/db';
import { createLogger, mintToken } from '@ledgerbus/kit';
import type { Logger } from '@ledgerbus/kit';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { databaseUrlFromEnv, kafkaBrokersFromEnv, uniqueName, waitFor } from '@ledgerbus/testing';
import { createConnectorService } from '../src/app';
import type { ConnectorService } from '../src/app';
import { prefixedTopics } from '../src/context';
import type { ConnectorSettings, ConnectorTopics } from '../src/context';
import { createTokenKeyRing, generateTokenKey } from '../src/domain/token-crypto';
import { createIntuitOAuth } from '../src/intuit/intuit-oauth';
import { CONNECTOR_LOG_REDACTION } from '../src/logging';

export const JWT_SECRET = 'connector-test-secret-connector-test-secret';
export const VERIFIER = 'verifier-token-for-tests';
export const CLIENT_ID = 'ABconnectorTestClient000000000000000000000000000000';
export const CLIENT_SECRET = 'connectorTestSecret0000000000000000000000';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Every log line written, for the "no token in logs" check. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    // CONNECTOR_TEST_LOG=<file> keeps the lines for debugging a failed run.
    if (process.env.CONNECTOR_TEST_LOG) appendFileSync(process.env.CONNECTOR_TEST_LOG, chunk);
    done();
  }
}

export interface Instance {
  service: ConnectorService;
  db: Database;
  bus: MessageBus;
  url: string;
}

export interface Tail {
  readonly messages: IncomingMessage[];
  /** Resolves once nothing new arrived for `quietMs` (polling). */
  settled(quietMs?: number): Promise<IncomingMessage[]>;
}

export interface Harness {
  sandbox: Sandbox;
  sandboxUrl: string;
  schema: string;
  brokers: string[];
  /** This harness's own topics (fresh names, 3 partitions). */
  topics: ConnectorTopics;
  logs: LogCapture;
  logger: Logger;
  keys: string;
  instances: Instance[];
  /**
   * Start another connector instance (own knex pool, own Kafka client) on the same schema.
   * `brokers` points its bus elsewhere (an unreachable broker for the 503 path; then pass `start: false`).
   */
  addInstance(options?: { start?: boolean; brokers?: string[] }): Promise<Instance>;
  /**
   * Everything on a topic from its beginning, kept up to date by one consumer per topic
   * that joined its group before this resolves (no per-read group join, so no empty reads).
   */
  tail(topic: TopicDefinition): Promise<Tail>;
  token(claims: { sub: string; tenant: string; role: 'owner' | 'admin' | 'viewer'; svc?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The consumers' retry policy (short in tests that exhaust it). Default: the bus's. */
  retry?: Partial<Omit<RetryOptions, 'signal'>>;
  /** QBO metering and read quota (default: usage in the test's schema, quota 500,000). */
  qboUsage?: { monthlyReadQuota?: number; checkEveryMs?: number };
}

export async function createHarness(settings: Partial<ConnectorSettings> = {}, harnessOptions: HarnessOptions = {}): Promise<Harness> {
  const sandbox = createSandbox({ settings: { oauth: { autoApprove: true, refreshTokenRotation: 'every-refresh' } } });
  const sandboxUrl = await sandbox.listen(0);
  const schema = uniqueName('connector_it').slice(0, 60);
  const brokers = kafkaBrokersFromEnv();
  const logs = new LogCapture();
  // The connector's own redaction (main.ts uses the same).
  const logger = createLogger({ name: 'connector-test', level: 'debug', destination: logs, ...CONNECTOR_LOG_REDACTION });
  const keys = generateTokenKey('k1');
  const groupPrefix = `${uniqueName('it')}.`;
  const topics = prefixedTopics(`test.${uniqueName('cx')}.`, { partitions: 3 });
  const ports: number[] = [];
  const instances: Instance[] = [];

  const addInstance = async (options: { start?: boolean; brokers?: string[] } = {}): Promise<Instance> => {
    const port = await freePort();
    ports.push(port);
    const url = `http://127.0.0.1:${port}`;
    sandbox.oauth.registerClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: ports.map((p) => `http://127.0.0.1:${p}/v1/oauth/callback`) });
    const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 10 } });
    const bus = createKafkaBus({ brokers: options.brokers ?? brokers, clientId: 'connector-it', logger });
    const intuit = createIntuitOAuth({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `${url}/v1/oauth/callback`,
      environment: 'sandbox',
      endpoints: {
        authorize: `${sandboxUrl}/connect/oauth2`,
        token: `${sandboxUrl}/oauth2/v1/tokens/bearer`,
        revoke: `${sandboxUrl}/v2/oauth2/tokens/revoke`,
        userinfo: `${sandboxUrl}/v1/openid_connect/userinfo`,
      },
    });
    const service = await createConnectorService({
      db,
      bus,
      logger,
      jwt: { secret: JWT_SECRET },
      keys: createTokenKeyRing(keys),
      intuit,
      qboBaseUrl: sandboxUrl,
      settings: { stateSecret: 'state-secret-for-tests-state-secret-xx', webhookVerifierTokens: [VERIFIER], pollerTickMs: 200, cdcIntervalMs: 3_600_000, ...settings },
      groupPrefix,
      relayPollIntervalMs: 100,
      topics,
      // Fresh topics: the sync-runs group reads them from the start, so no request published after start() is missed.
      syncRunsFromBeginning: true,
      ...(harnessOptions.retry === undefined ? {} : { retry: harnessOptions.retry }),
      ...(harnessOptions.qboUsage === undefined ? {} : { qboUsage: harnessOptions.qboUsage }),
    });
    if (options.start ?? true) await service.start();
    await service.http.listen({ port, host: '127.0.0.1' });
    const instance = { service, db, bus, url };
    instances.push(instance);
    return instance;
  };

  let tailBus: MessageBus | undefined;
  const tails = new Map<string, Promise<Tail>>();
  const tailSubscriptions: Subscription[] = [];
  const tail = (topic: TopicDefinition): Promise<Tail> => {
    let existing = tails.get(topic.name);
    if (existing === undefined) {
      tailBus ??= createKafkaBus({ brokers, clientId: 'connector-it-tail', logger });
      const bus = tailBus;
      existing = (async () => {
        const messages: IncomingMessage[] = [];
        let lastAt = Date.now();
        tailSubscriptions.push(
          await bus.subscribe({
            groupId: uniqueName('tail'),
            topics: [topic],
            fromBeginning: true,
            handler: async (message) => {
              messages.push(message);
              lastAt = Date.now();
            },
          }),
        );
        return {
          messages,
          async settled(quietMs = 1000) {
            await waitFor(() => Date.now() - lastAt >= quietMs, { timeoutMs: 60_000, intervalMs: 100 });
            return messages;
          },
        };
      })();
      tails.set(topic.name, existing);
    }
    return existing;
  };

  await addInstance();
  return {
    sandbox,
    sandboxUrl,
    schema,
    brokers,
    topics,
    logs,
    logger,
    keys,
    instances,
    addInstance,
    tail,
    token: (claims) => mintToken(JWT_SECRET, { svc: false, ...claims }),
    async close() {
      for (const sub of tailSubscriptions.splice(0)) await sub.stop();
      await tailBus?.close();
      for (const i of instances.splice(0)) {
        await i.service.stopConsumers();
        await i.service.http.close();
        await i.service.drainOutbox().catch(() => undefined);
        await i.bus.close();
        await i.db.knex.raw('drop schema if exists ?? cascade', [schema]).catch(() => undefined);
        await i.db.destroy();
      }
      await sandbox.close();
    },
  };
}

/** Unique numeric realm id for a test. */
export function uniqueRealmId(): string {
  return `9${Date.now().toString().slice(-9)}${Math.floor(Math.random() * 1e5).toString().padStart(5, '0')}`;
}

/** The cookies a response sets, as a `Cookie` request header (what a browser's cookie jar sends back). */
export function cookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => c.length > 0)
    .join('; ');
}

/** A connect flow up to Intuit's redirect back: the callback URL (code, state, realmId) and the browser's cookies. */
export interface ConnectFlow {
  /** The connector's callback URL as the sandbox redirected to it. */
  callbackUrl: string;
  /** The sandbox's authorize URL (with the state): fetching it again gives another code for the same state. */
  authorizeUrl: string;
  state: string;
  /** The cookies connect-url set (the browser binding). */
  cookie: string;
}

/**
 * Starts the connect flow as the admin's browser: connect-url (302, sets the state cookie) →
 * sandbox authorize (auto-approve `realmId`) → 302 to the callback, which is NOT fetched.
 * Returns the response instead when a step does not redirect.
 */
export async function startConnect(
  instance: Instance,
  bearer: string,
  tenant: string,
  realmId: string,
  options: { division?: string; pickRealm?: string } = {},
): Promise<ConnectFlow | Response> {
  const query = new URLSearchParams({
    redirect: 'true',
    ...(options.division === undefined ? {} : { division: options.division }),
    ...(options.pickRealm === undefined ? {} : { realmId: options.pickRealm }),
  });
  const first = await fetch(`${instance.url}/v1/tenants/${tenant}/connection/connect-url?${query.toString()}`, { headers: { authorization: `Bearer ${bearer}` }, redirect: 'manual' });
  if (first.status !== 302) return first;
  const authorize = new URL(first.headers.get('location')!);
  authorize.searchParams.set('sandbox_auto_approve', realmId);
  const consent = await fetch(authorize, { redirect: 'manual' });
  if (consent.status !== 302) return consent;
  const callbackUrl = consent.headers.get('location')!;
  return { callbackUrl, authorizeUrl: authorize.toString(), state: new URL(callbackUrl).searchParams.get('state') ?? '', cookie: cookieHeader(first) };
}

/** Fetches a callback URL as the browser would (with its cookies, without following a redirect). */
export function callback(url: string, cookie: string | undefined): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers: cookie === undefined || cookie === '' ? {} : { cookie } });
}

/** Follow the connect flow through real HTTP redirects: connector → sandbox authorize (auto-approve) → connector callback, with the browser's cookies. */
export async function connectThroughRedirects(instance: Instance, bearer: string, tenant: string, realmId: string, division?: string): Promise<Response> {
  const flow = await startConnect(instance, bearer, tenant, realmId, division === undefined ? {} : { division });
  if (flow instanceof Response) return flow;
  return callback(flow.callbackUrl, flow.cookie);
}
