/**
 * Every ledgerbus service in one process: the QBO sandbox (with a seeded demo company),
 * connector, mapping, customer-sync, invoice-push, payment-push, metrics, and the integrators'
 * doors — ingest (records over HTTP) and webhooks (signed outbound webhooks) —, on one
 * in-memory bus and an embedded PGlite database per service (each in its own schema). Each service is
 * built by its own factory, exactly as its `main.ts` builds it against Kafka and
 * PostgreSQL; only the adapters differ.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { MessageBus } from '@ledgerbus/bus';
import { createMemoryBus } from '@ledgerbus/bus';
import type { Database } from '@ledgerbus/db';
import { createDatabase, openPglite } from '@ledgerbus/db';
import type { Logger } from '@ledgerbus/kit';
import { createKeyRing, createShutdown, flushLogger, generateKeyRingKey, mintToken } from '@ledgerbus/kit';
import type { ShutdownResult } from '@ledgerbus/kit';
import { createHttpTokenProvider } from '@ledgerbus/push';
import type { PushEngine } from '@ledgerbus/push';
import type { QboClient, RateLimiter } from '@ledgerbus/qbo';
import { BreakerRegistry, createMemoryRateLimiter, createPostgresQboMeter, createQboClient } from '@ledgerbus/qbo';
import type { CreatedCompany, Sandbox } from '@ledgerbus/qbo-sandbox';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import type { ConnectorService } from '../../connector/src/index';
import { createConnectorService, createIntuitOAuth, createTokenKeyRing, generateTokenKey } from '../../connector/src/index';
import { buildConsole, createConsoleServer } from '../../console/src/index';
import type { CustomerSyncService } from '../../customer-sync/src/index';
import { createCustomerSyncService } from '../../customer-sync/src/index';
import type { IngestService } from '../../ingest/src/index';
import { createIngestService } from '../../ingest/src/index';
import { createInvoicePushService } from '../../invoice-push/src/index';
import type { MappingService } from '../../mapping/src/index';
import { createMappingService } from '../../mapping/src/index';
import type { MetricsService } from '../../metrics/src/index';
import { createMetricsService } from '../../metrics/src/index';
import { createPaymentPushService } from '../../payment-push/src/index';
import type { WebhooksService } from '../../webhooks/src/index';
import { createWebhooksService } from '../../webhooks/src/index';

/** What the embedded run needs; every field has a default that works on a fresh machine. */
export interface StackOptions {
  logger: Logger;
  /** Host every HTTP server binds to. Default 127.0.0.1. */
  host?: string;
  /**
   * Ports (0 = any free port). An unnamed one is its service's usual port — except ingest's and
   * webhooks', which are any free port when every named one is 0 (callers from before they joined
   * the stack ask for free ports that way, and must not bind 8088/8089 by surprise).
   */
  ports?: { sandbox?: number; connector?: number; mapping?: number; customerSync?: number; metrics?: number; ingest?: number; webhooks?: number };
  /** HS256 secret of the admin and service JWTs (≥ 32 characters). */
  jwtSecret: string;
  /** PGlite data directory; undefined = in memory (the sandbox is in memory too). */
  dataDir?: string;
  /** The sandbox's demo company. */
  company?: { realmId?: string; name?: string; seed?: string; size?: 'small' | 'medium' | 'large' };
  /** Intuit's per-realm limits in the sandbox (and the client-side limiter). Default true. */
  limits?: boolean;
  /** Run the metrics service too. Default true. */
  metrics?: boolean;
  /** How long a push waits for a dependency (customer link, invoice link) before failing. Default 15 s. */
  pushMaxWaitMs?: number;
  /**
   * Serve the admin console (services/console) on this port (0 = any), built first when missing or stale;
   * the connector's OAuth callback then returns the browser to it. Off when undefined.
   */
  console?: { port?: number };
  /**
   * The webhooks service's key ring for the endpoints' signing secrets (`kid:base64key`, as
   * WEBHOOKS_SECRET_KEY). Default: a DEV-ONLY key generated here — kept in `dataDir` when there is
   * one (so stored secrets still decrypt after a restart), otherwise for this process only.
   */
  webhooksSecretKey?: string;
}

export interface StackUrls {
  sandbox: string;
  connector: string;
  mapping: string;
  customerSync: string;
  metrics: string | undefined;
  /** The integrators' HTTP door for records (services/ingest). */
  ingest: string;
  /** Signed outbound webhooks: endpoints, delivery log, replay (services/webhooks). */
  webhooks: string;
  /** The admin console, when `console` was asked for. */
  console: string | undefined;
}

export interface Stack {
  readonly sandbox: Sandbox;
  readonly company: CreatedCompany;
  readonly bus: MessageBus;
  readonly connector: ConnectorService;
  readonly mapping: MappingService;
  readonly customerSync: CustomerSyncService;
  readonly invoicePush: PushEngine;
  readonly paymentPush: PushEngine;
  readonly metrics: MetricsService | undefined;
  readonly ingest: IngestService;
  readonly webhooks: WebhooksService;
  readonly urls: StackUrls;
  readonly jwtSecret: string;
  /** Stops everything in order (consumers and delivery loops → push loops → HTTP → outboxes → bus → databases → sandbox → logs). Idempotent. */
  shutdown(reason?: string): Promise<ShutdownResult>;
}

/** The OAuth app the connector uses with the sandbox's Intuit emulation. */
const CLIENT_ID = 'ABledgerbusEmbeddedDemoApp0000000000000000000000000';
const WEBHOOK_VERIFIER = 'ledgerbus-embedded-webhook-verifier';

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * The dev-only key that encrypts the webhook endpoints' signing secrets when none is given: kept
 * in the data directory when the database is (0600), generated per process otherwise.
 */
function devWebhooksSecretKey(dataDir: string | undefined): string {
  if (dataDir === undefined) return generateKeyRingKey('embedded-dev');
  const file = join(dataDir, 'webhooks-secret-key.dev');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = generateKeyRingKey('embedded-dev');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

async function portOf(host: string, wanted: number | undefined, fallback: number): Promise<number> {
  const port = wanted ?? fallback;
  return port === 0 ? freePort(host) : port;
}

/** Builds, starts and serves the whole stack. On a failure half-way, what started is stopped again. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { logger } = options;
  const host = options.host ?? '127.0.0.1';
  const limitsOn = options.limits ?? true;
  const shutdown = createShutdown({ logger, timeoutMs: 15_000 });
  // Steps are collected in start order and registered in stop order at the end.
  const stopConsumers: Array<[string, () => Promise<void>]> = [];
  const closeHttp: Array<[string, () => Promise<void>]> = [];
  const drain: Array<[string, () => Promise<void>]> = [];
  const closeDbs: Array<[string, () => Promise<void>]> = [];

  // --- the QBO sandbox and its demo company ---------------------------------------
  const sandbox = createSandbox({ settings: { limits: { enabled: limitsOn } } });
  const company = sandbox.admin.createCompany({
    realmId: options.company?.realmId ?? '9341452913645722',
    companyName: options.company?.name ?? 'Sandbox Demo Company',
    seed: options.company?.seed ?? '42',
    size: options.company?.size ?? 'medium',
  });
  const sandboxUrl = await sandbox.listen(await portOf(host, options.ports?.sandbox, 8111), host);

  const registerAll = (): void => {
    for (const [name, fn] of stopConsumers) shutdown.register(name, fn);
    for (const [name, fn] of closeHttp) shutdown.register(name, fn);
    for (const [name, fn] of drain) shutdown.register(name, fn);
    shutdown.register('close bus', () => bus.close());
    for (const [name, fn] of closeDbs) shutdown.register(name, fn);
    shutdown.register('close sandbox', () => sandbox.close());
    shutdown.register('flush logs', () => flushLogger(logger));
  };

  const bus = createMemoryBus({ logger });
  // One embedded PostgreSQL (PGlite) per service, each service in its own schema as in
  // production. (Several services on one shared PGlite session lost their search_path
  // under concurrent load in libs/db's SharedPgliteClient — see the README.)
  const schemas = ['connector', 'mapping', 'customer_sync', 'invoice_push', 'payment_push', 'ingest', 'webhooks', ...(options.metrics ?? true ? ['metrics'] : [])];
  // Opened side by side: each takes a few seconds of WASM start-up.
  const opening = new Map(schemas.map((schema) => [schema, openPglite(options.dataDir === undefined ? undefined : join(options.dataDir, schema))] as const));
  for (const [schema, pending] of opening) {
    closeDbs.push([`close pglite ${schema}`, async () => (await pending).close()]);
  }
  const database = async (schema: string): Promise<Database> => {
    const pglite = await opening.get(schema)!;
    const db = await createDatabase({ pglite: { instance: pglite } }, { schema, applicationName: `ledgerbus:${schema}` });
    closeDbs.unshift([`close db ${schema}`, () => db.destroy()]);
    return db;
  };

  try {
    // One per-realm limiter and breaker registry for every QBO caller of this process.
    // Every QBO call of every service is metered (Core / CorePlus) into the connector's schema,
    // where its qbo-usage endpoints read (issue 20); the meter's last counts are written before the databases close.
    const connectorDb = await database('connector');
    const meter = createPostgresQboMeter({ knex: connectorDb.knex, schema: connectorDb.schema, logger: logger.child({ component: 'qbo-meter' }) });
    drain.push(['flush qbo meter', () => meter.close()]);
    const limiter: RateLimiter = createMemoryRateLimiter({ meter });
    const breakers = new BreakerRegistry();

    // --- connector ------------------------------------------------------------------
    const connectorPort = await portOf(host, options.ports?.connector, 8081);
    const connectorUrl = `http://${host}:${connectorPort}`;
    const redirectUri = `${connectorUrl}/v1/oauth/callback`;
    const consolePort = options.console === undefined ? undefined : await portOf(host, options.console.port, 8080);
    const consoleUrl = consolePort === undefined ? undefined : `http://${host}:${consolePort}`;
    const clientSecret = randomBytes(24).toString('base64url');
    sandbox.oauth.registerClient({ clientId: CLIENT_ID, clientSecret, redirectUris: [redirectUri], appName: 'ledgerbus (embedded)' });
    const intuit = createIntuitOAuth({
      clientId: CLIENT_ID,
      clientSecret,
      redirectUri,
      environment: 'sandbox',
      endpoints: {
        authorize: `${sandboxUrl}${sandbox.oauth.paths.authorize}`,
        token: `${sandboxUrl}${sandbox.oauth.paths.token}`,
        revoke: `${sandboxUrl}${sandbox.oauth.paths.revoke}`,
        userinfo: `${sandboxUrl}${sandbox.oauth.paths.userinfo}`,
      },
    });
    const connector = await createConnectorService({
      db: connectorDb,
      bus,
      logger: logger.child({ service: 'connector' }),
      jwt: { secret: options.jwtSecret },
      keys: createTokenKeyRing(generateTokenKey('k1')),
      intuit,
      qboBaseUrl: sandboxUrl,
      limiter,
      settings: {
        stateSecret: randomBytes(32).toString('base64url'),
        webhookVerifierTokens: [WEBHOOK_VERIFIER],
        pollerTickMs: 1_000,
        cdcIntervalMs: 60_000,
        // After Intuit's consent the browser goes back to the console (which shows the connection).
        ...(consoleUrl === undefined ? {} : { connectedRedirectUrl: `${consoleUrl}/` }),
      },
      relayPollIntervalMs: 50,
    });
    await connector.start();
    stopConsumers.push(['stop connector consumers', () => connector.stopConsumers()]);
    closeHttp.push(['close connector http', () => connector.http.close()]);
    drain.push(['drain connector outbox', () => connector.drainOutbox()]);
    await connector.http.listen({ port: connectorPort, host });
    // QBO's webhooks for the app go to the connector, signed with the verifier token.
    sandbox.webhooks.configureEndpoint({ appId: CLIENT_ID, url: `${connectorUrl}/v1/webhooks/intuit`, verifierToken: WEBHOOK_VERIFIER, realmIds: [company.realmId] });

    // Workers get access tokens from the connector's internal endpoint, as in production.
    const serviceToken = await mintToken(options.jwtSecret, { sub: 'svc:embedded-workers', tenant: '*', role: 'admin', svc: true }, 365 * 24 * 3600);
    const tokenProvider = createHttpTokenProvider({ connectorUrl, serviceToken });
    const clients = new Map<string, QboClient>();
    const qboClientFor = (realmId: string): QboClient => {
      let client = clients.get(realmId);
      if (client === undefined) {
        client = createQboClient({ baseUrl: sandboxUrl, realmId, tokenProvider, limiter, breakers, logger: logger.child({ component: 'qbo', realmId }) });
        clients.set(realmId, client);
      }
      return client;
    };

    // --- mapping --------------------------------------------------------------------
    const mapping = await createMappingService({ db: await database('mapping'), bus, logger: logger.child({ service: 'mapping' }), jwt: { secret: options.jwtSecret }, relayPollIntervalMs: 50 });
    await mapping.start();
    stopConsumers.push(['stop mapping consumers', () => mapping.stopConsumers()]);
    closeHttp.push(['close mapping http', () => mapping.http.close()]);
    drain.push(['drain mapping outbox', () => mapping.drainOutbox()]);
    const mappingPort = await portOf(host, options.ports?.mapping, 8082);
    await mapping.http.listen({ port: mappingPort, host });

    // --- customer-sync --------------------------------------------------------------
    const customerSync = await createCustomerSyncService({
      db: await database('customer_sync'),
      bus,
      logger: logger.child({ service: 'customer-sync' }),
      jwt: { secret: options.jwtSecret },
      qbo: qboClientFor,
      relayPollIntervalMs: 50,
      retry: { maxAttempts: 8, initialDelayMs: 200, maxDelayMs: 2_000 },
    });
    await customerSync.start();
    stopConsumers.push(['stop customer-sync consumers', () => customerSync.stopConsumers()]);
    closeHttp.push(['close customer-sync http', () => customerSync.http.close()]);
    drain.push(['drain customer-sync outbox', () => customerSync.drainOutbox()]);
    const customerSyncPort = await portOf(host, options.ports?.customerSync, 8084);
    await customerSync.http.listen({ port: customerSyncPort, host });

    // --- invoice-push and payment-push ----------------------------------------------
    // Invoices wait (bounded) for their customer's link, payments for their invoices' links. A payment's
    // wait covers its invoice's own wait, so it is three times as long: on a loaded machine a payment must
    // not give up while its invoice is still on its way.
    const invoiceWaitMs = options.pushMaxWaitMs ?? 30_000;
    const tuning = { pollMs: 100, outboxPollMs: 50, maxWaitMs: invoiceWaitMs, backoff: { baseMs: 200, maxMs: 2_000 } };
    const invoicePush = createInvoicePushService({ db: await database('invoice_push'), bus, logger: logger.child({ service: 'invoice-push' }), qboClientFor, tuning });
    const paymentPush = createPaymentPushService({
      db: await database('payment_push'),
      bus,
      logger: logger.child({ service: 'payment-push' }),
      qboClientFor,
      tuning: { ...tuning, maxWaitMs: 3 * invoiceWaitMs },
    });
    for (const [name, engine] of [['invoice-push', invoicePush], ['payment-push', paymentPush]] as const) {
      await engine.migrate();
      await engine.start();
      stopConsumers.push([`stop ${name} consumers`, () => engine.stopConsumers()]);
      stopConsumers.push([`stop ${name} push loops`, () => engine.stopPushing()]);
      drain.push([`drain ${name} outbox`, () => engine.drainOutbox()]);
    }

    // --- metrics --------------------------------------------------------------------
    let metrics: MetricsService | undefined;
    let metricsUrl: string | undefined;
    if (options.metrics ?? true) {
      metrics = await createMetricsService({
        db: await database('metrics'),
        bus,
        logger: logger.child({ service: 'metrics' }),
        jwt: { secret: options.jwtSecret },
        qboBaseUrl: sandboxUrl,
        tokenProvider,
        limiter,
        breakers,
        relayPollIntervalMs: 50,
        config: { historyMonths: 12 },
      });
      await metrics.start();
      const m = metrics;
      stopConsumers.push(['stop metrics consumers and imports', () => m.stopConsumers()]);
      closeHttp.push(['close metrics http', () => m.http.close()]);
      drain.push(['drain metrics outbox', () => m.drainOutbox()]);
      const metricsPort = await portOf(host, options.ports?.metrics, 8085);
      await metrics.http.listen({ port: metricsPort, host });
      metricsUrl = `http://${host}:${metricsPort}`;
    }

    // --- ingest: records over HTTP ----------------------------------------------------
    // On the in-memory bus, "durable before the 202" is bus.publish resolving: the record is on the
    // in-memory topic that the workers consume (the embedded stack's equivalent of Kafka's acks).
    const ingest = await createIngestService({ db: await database('ingest'), bus, logger: logger.child({ service: 'ingest' }), jwt: { secret: options.jwtSecret } });
    await ingest.start();
    stopConsumers.push(['stop ingest consumer', () => ingest.stopConsumers()]);
    closeHttp.push(['close ingest http', () => ingest.http.close()]);
    const allFree = options.ports !== undefined && Object.values(options.ports).every((p) => p === 0);
    const ingestPort = await portOf(host, options.ports?.ingest, allFree ? 0 : 8088);
    await ingest.http.listen({ port: ingestPort, host });

    // --- webhooks: signed outbound webhooks --------------------------------------------
    // Loopback receivers are allowed here (a developer's receiver runs on this machine); never in production.
    const webhooks = await createWebhooksService({
      db: await database('webhooks'),
      bus,
      logger: logger.child({ service: 'webhooks' }),
      jwt: { secret: options.jwtSecret },
      keys: createKeyRing(options.webhooksSecretKey ?? devWebhooksSecretKey(options.dataDir)),
      config: { allowLoopback: true },
      relayPollIntervalMs: 50,
    });
    await webhooks.start();
    stopConsumers.push(['stop webhooks intake and deliveries', () => webhooks.stopConsumers()]);
    closeHttp.push(['close webhooks http', () => webhooks.http.close()]);
    drain.push(['drain webhooks outbox', () => webhooks.drainOutbox()]);
    const webhooksPort = await portOf(host, options.ports?.webhooks, allFree ? 0 : 8089);
    await webhooks.http.listen({ port: webhooksPort, host });

    // --- the admin console ------------------------------------------------------------
    if (consolePort !== undefined) {
      const built = await buildConsole();
      const consoleServer = createConsoleServer({ webDir: built.webDir, upstreams: { connector: connectorUrl, mapping: `http://${host}:${mappingPort}`, customerSync: `http://${host}:${customerSyncPort}`, ...(metricsUrl === undefined ? {} : { metrics: metricsUrl }) } });
      closeHttp.unshift(['close console http', () => consoleServer.close()]);
      await consoleServer.listen(consolePort, host);
    }

    registerAll();
    return {
      sandbox,
      company,
      bus,
      connector,
      mapping,
      customerSync,
      invoicePush,
      paymentPush,
      metrics,
      ingest,
      webhooks,
      jwtSecret: options.jwtSecret,
      urls: {
        sandbox: sandboxUrl,
        connector: connectorUrl,
        mapping: `http://${host}:${mappingPort}`,
        customerSync: `http://${host}:${customerSyncPort}`,
        metrics: metricsUrl,
        ingest: `http://${host}:${ingestPort}`,
        webhooks: `http://${host}:${webhooksPort}`,
        console: consoleUrl,
      },
      shutdown: (reason) => shutdown.shutdown(reason),
    };
  } catch (err) {
    registerAll();
    await shutdown.shutdown('start failed');
    throw err;
  }
}
