/**
 * Writes services/<name>/openapi.json (OpenAPI 3.1 generated from the routes' zod schemas)
 * for every service with an HTTP API; with --check, fails when a committed file differs.
 * Names given as arguments limit it to those services (`… generate-openapi.ts ingest`).
 * Each service is built by its own factory around PGlite and the in-memory bus: nothing is
 * migrated, nothing listens, and QBO and Intuit are never called.
 */
import { join } from 'node:path';
import type { MessageBus } from '@ledgerbus/bus';
import { createMemoryBus } from '@ledgerbus/bus';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import type { HttpServer, JwtVerifierOptions, Logger } from '@ledgerbus/kit';
import { createKeyRing, createLogger, generateKeyRingKey, getOpenApiDocument } from '@ledgerbus/kit';
import { createConnectorService, createIntuitOAuth, createTokenKeyRing, generateTokenKey } from '../services/connector/src/index';
import { createCustomerSyncService } from '../services/customer-sync/src/index';
import { createIngestService } from '../services/ingest/src/index';
import { createMappingService } from '../services/mapping/src/index';
import { createMetricsService } from '../services/metrics/src/index';
import { createWebhooksService } from '../services/webhooks/src/index';
import { repoRoot, writeOrCheck } from './generated-file';

interface Adapters {
  db: Database;
  bus: MessageBus;
  logger: Logger;
  jwt: JwtVerifierOptions;
}

/** Where the outside calls of a service would go; the document does not depend on it and nothing is sent. */
const UNUSED_URL = 'http://127.0.0.1:9';

/** Each service with an HTTP API, built from its factory. The document is written to services/<name>/openapi.json. */
const SERVICES: Record<string, (adapters: Adapters) => Promise<{ http: HttpServer }>> = {
  connector: (adapters) =>
    createConnectorService({
      ...adapters,
      keys: createTokenKeyRing(generateTokenKey('openapi')),
      intuit: createIntuitOAuth({
        clientId: 'openapi',
        clientSecret: 'openapi',
        redirectUri: `${UNUSED_URL}/v1/oauth/callback`,
        environment: 'sandbox',
        endpoints: { authorize: UNUSED_URL, token: UNUSED_URL, revoke: UNUSED_URL, userinfo: UNUSED_URL },
      }),
      qboBaseUrl: UNUSED_URL,
      settings: { stateSecret: 'x'.repeat(32), webhookVerifierTokens: ['openapi'] },
    }),
  'customer-sync': (adapters) =>
    createCustomerSyncService({
      ...adapters,
      qbo: () => {
        throw new Error('no QBO calls while generating the OpenAPI document');
      },
    }),
  ingest: (adapters) => createIngestService(adapters),
  mapping: (adapters) => createMappingService(adapters),
  metrics: (adapters) =>
    createMetricsService({
      ...adapters,
      qboBaseUrl: UNUSED_URL,
      tokenProvider: () => Promise.reject(new Error('no QBO calls while generating the OpenAPI document')),
    }),
  webhooks: (adapters) => createWebhooksService({ ...adapters, keys: createKeyRing(generateKeyRingKey('openapi')) }),
};

async function documentOf(name: string, build: (adapters: Adapters) => Promise<{ http: HttpServer }>): Promise<string> {
  const db = await createDatabase({ pglite: {} }, { schema: name.replace(/-/g, '_') });
  const bus = createMemoryBus();
  try {
    const service = await build({ db, bus, logger: createLogger({ name: 'openapi', level: 'silent' }), jwt: { secret: 'x'.repeat(32) } });
    const document = await getOpenApiDocument(service.http);
    await service.http.close();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await bus.close();
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const unknown = only.filter((name) => !(name in SERVICES));
  if (unknown.length > 0) throw new Error(`no HTTP API named ${unknown.join(', ')} (known: ${Object.keys(SERVICES).join(', ')})`);
  let current = true;
  for (const [name, build] of Object.entries(SERVICES)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const target = join(repoRoot, 'services', name, 'openapi.json');
    current = writeOrCheck(target, await documentOf(name, build), 'npm run openapi') && current;
  }
  if (!current) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
