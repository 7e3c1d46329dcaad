/**
 * `make demo` / `npm run demo`: every ledgerbus service in one process, nothing to install
 * or configure. The only file of the package that reads the environment.
 *
 *   --exit (or DEMO_EXIT=1): run the demo, print the summary, shut down, exit 0 (all as
 *   expected) or 1. Without it, keep serving the settings API, the connector and the
 *   sandbox until Ctrl-C.
 */
import { booleanString, createLogger, flushLogger, loadConfig, mintToken, parseKeyRing } from '@ledgerbus/kit';
import { z } from 'zod';
import { runDemo } from './demo';

const exitMode = process.argv.includes('--exit');
/** A TCP port; 0 = any free port. */
const port = (fallback: number) => z.coerce.number().int().min(0, 'must be a port (0-65535, 0 = any)').max(65535, 'must be a port (0-65535, 0 = any)').default(fallback);

const configSchema = z.object({
  DEMO_EXIT: booleanString(false),
  /** Default "warn": the demo's own lines stay readable; "info" shows every service's log. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  DEMO_HOST: z.string().min(1).default('127.0.0.1'),
  // Fixed ports to serve; with --exit every port is ephemeral unless set.
  QBO_SANDBOX_PORT: port(exitMode ? 0 : 8111),
  CONNECTOR_PORT: port(exitMode ? 0 : 8081),
  MAPPING_PORT: port(exitMode ? 0 : 8082),
  CUSTOMER_SYNC_PORT: port(exitMode ? 0 : 8084),
  METRICS_PORT: port(exitMode ? 0 : 8085),
  INGEST_PORT: port(exitMode ? 0 : 8088),
  WEBHOOKS_PORT: port(exitMode ? 0 : 8089),
  /**
   * Encrypts the webhook endpoints' signing secrets (kid:base64key). Default: a dev-only key
   * generated at start (kept in DEMO_DATA_DIR when that is set).
   */
  WEBHOOKS_SECRET_KEY: z
    .string()
    .superRefine((value, ctx) => {
      try {
        parseKeyRing(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    })
    .optional(),
  /** The admin console (served while the demo keeps running; not with --exit). */
  CONSOLE_PORT: port(8080),
  /** HS256 secret of the printed admin JWT (and of `npm run token` with the same JWT_SECRET). */
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').default('ledgerbus-embedded-demo-secret-do-not-use-in-production'),
  /** Keep the embedded PostgreSQL (PGlite) in this directory; default in memory, like the sandbox. */
  DEMO_DATA_DIR: z.string().min(1).optional(),
  DEMO_TENANT: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('demo-tenant'),
  DEMO_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  DEMO_METRICS: booleanString(true),
  /** Intuit's per-realm rate limits in the sandbox. */
  DEMO_QBO_LIMITS: booleanString(true),
});

async function main(): Promise<void> {
  const config = loadConfig(configSchema);
  const exit = exitMode || config.DEMO_EXIT;
  const logger = createLogger({ name: 'ledgerbus-embedded', level: config.LOG_LEVEL });
  const print = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };

  print('ledgerbus embedded demo: every service in one process (in-memory bus, PGlite, QBO sandbox)');
  const run = await runDemo({
    logger,
    host: config.DEMO_HOST,
    ports: {
      sandbox: config.QBO_SANDBOX_PORT,
      connector: config.CONNECTOR_PORT,
      mapping: config.MAPPING_PORT,
      customerSync: config.CUSTOMER_SYNC_PORT,
      metrics: config.METRICS_PORT,
      ingest: config.INGEST_PORT,
      webhooks: config.WEBHOOKS_PORT,
    },
    ...(config.WEBHOOKS_SECRET_KEY === undefined ? {} : { webhooksSecretKey: config.WEBHOOKS_SECRET_KEY }),
    jwtSecret: config.JWT_SECRET,
    ...(config.DEMO_DATA_DIR === undefined ? {} : { dataDir: config.DEMO_DATA_DIR }),
    metrics: config.DEMO_METRICS,
    limits: config.DEMO_QBO_LIMITS,
    ...(exit ? {} : { console: { port: config.CONSOLE_PORT } }),
    tenantId: config.DEMO_TENANT,
    outcomeTimeoutMs: config.DEMO_TIMEOUT_SECONDS * 1000,
    print,
  });
  print('');
  print(`Summary (${(run.elapsedMs / 1000).toFixed(1)} s):`);
  print(run.report);

  if (exit) {
    const result = await run.stack.shutdown('--exit');
    if (!result.ok) print(`shutdown: ${result.steps.filter((s) => s.status !== 'ok').map((s) => `${s.name} ${s.status}`).join(', ')}`);
    process.exit(run.summary.ok ? 0 : 1);
  }

  const { urls, company } = run.stack;
  const t = encodeURIComponent(run.tenantId);
  print('');
  print('Serving until Ctrl-C:');
  if (urls.console !== undefined) {
    print(`  admin console           ${urls.console}/#token=${run.adminToken}`);
    print('                          (signed in as the demo owner; the link carries the admin JWT below)');
  }
  print(`  settings API (mapping)  ${urls.mapping}/v1/tenants/${t}/settings   (OpenAPI: ${urls.mapping}/docs/json)`);
  print(`                          ${urls.mapping}/v1/tenants/${t}/sync-log   ${urls.mapping}/v1/tenants/${t}/links`);
  print(`  connector               ${urls.connector}/v1/tenants/${t}/connection`);
  print(`  customer-sync           ${urls.customerSync}/docs/json`);
  if (urls.metrics !== undefined) print(`  metrics                 ${urls.metrics}/docs/json`);
  print(`  ingest (records, HTTP)  ${urls.ingest}/v1/tenants/${t}/invoices   (OpenAPI: ${urls.ingest}/docs/json)`);
  print(`                          ${urls.ingest}/v1/tenants/${t}/records/invoices/<platformId>   (a record's sync state)`);
  print(`  webhooks (outbound)     ${urls.webhooks}/v1/tenants/${t}/webhook-endpoints   ${urls.webhooks}/v1/webhook-endpoints (platform-wide)   (OpenAPI: ${urls.webhooks}/docs/json)`);
  print('                          loopback receivers allowed; the signing secrets are encrypted with a DEV-ONLY key');
  print(`  QBO sandbox             ${urls.sandbox}/v3/company/${company.realmId}/query?query=select%20*%20from%20Invoice   (realm ${company.realmId})`);
  print(`                          ${urls.sandbox}/_sandbox/companies/${company.realmId}/entities/Invoice   (admin API, no token)`);
  print(`  consent page            ${urls.connector}/v1/tenants/${t}/connection/connect-url (as the admin; open the "url" it returns in a browser)`);
  print(`  admin JWT (tenant ${run.tenantId}, role owner, 12 h):`);
  print(`    ${run.adminToken}`);
  print(`  e.g. curl -H "authorization: Bearer $TOKEN" ${urls.mapping}/v1/tenants/${t}/sync-log?outcome=failed`);
  // The platform's backend: a service account that may only send records (and read their status) for this tenant.
  const ingestToken = await mintToken(config.JWT_SECRET, { sub: 'svc:demo-platform', tenant: run.tenantId, role: 'admin', svc: true, scope: 'ingest' }, '12h');
  print(`  ingest JWT (service account of tenant ${run.tenantId}, scope ingest, 12 h):`);
  print(`    ${ingestToken}`);
  // The platform itself, for every tenant: may only manage platform-wide webhook endpoints.
  const platformToken = await mintToken(config.JWT_SECRET, { sub: 'svc:demo-platform', tenant: '*', role: 'admin', svc: true, scope: 'webhooks' }, '12h');
  print('  platform JWT (service account of every tenant, scope webhooks, 12 h):');
  print(`    ${platformToken}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    print(`\n${signal}: shutting down (consumers → push loops → HTTP → outboxes → bus → databases → sandbox)`);
    void run.stack.shutdown(signal).then(async (result) => {
      await flushLogger(logger);
      process.exit(result.ok ? 0 : 1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
