/**
 * The mapping service with the real connector and the QBO sandbox, on real Kafka and
 * PostgreSQL: an admin connects a seeded company (OAuth redirects, the sandbox approves),
 * sees its reference data, saves valid mappings, is refused an Expense account as income,
 * and when the mapped account is made inactive in QBO the settings show it broken and
 * `settings.invalidated` is on `sync.events.v1`.
 *
 * Neither service is given topic names here (the mapping service reads and writes the
 * registry's topics), so the test uses its own tenant and realm and asserts on them only.
 */
import { createServer } from 'node:net';
import type { MessageBus } from '@ledgerbus/bus';
import { createKafkaBus } from '@ledgerbus/bus';
import { syncEvents } from '@ledgerbus/contracts';
import type { Database } from '@ledgerbus/db';
import { createDatabase } from '@ledgerbus/db';
import { mintToken } from '@ledgerbus/kit';
import type { Sandbox } from '@ledgerbus/qbo-sandbox';
import { createSandbox } from '@ledgerbus/qbo-sandbox';
import { databaseUrlFromEnv, readTopic, uniqueName, waitFor } from '@ledgerbus/testing';
import type { ConnectorService } from '../../connector/src';
import { createConnectorService, createIntuitOAuth, createTokenKeyRing, generateTokenKey } from '../../connector/src';
import type { KafkaHarness } from './kafka-harness';
import { startKafkaHarness } from './kafka-harness';

const CONNECTOR_JWT_SECRET = 'connector-it-secret-connector-it-secret-00';
const CLIENT_ID = 'ABmappingConnectedTest00000000000000000000000000000';
const CLIENT_SECRET = 'mappingConnectedTestSecret00000000000000';

interface QboAccount {
  Id: string;
  Name: string;
  AccountType: string;
  Active: boolean;
  SyncToken: string;
}

async function freePort(): Promise<number> {
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

const realmId = `9${Date.now().toString().slice(-9)}${Math.floor(Math.random() * 1e5).toString().padStart(5, '0')}`;
const tenant = uniqueName('acme').replace(/_/g, '-');

let mapping: KafkaHarness;
let sandbox: Sandbox;
let sandboxUrl: string;
let connector: { service: ConnectorService; db: Database; bus: MessageBus; url: string; schema: string };
let admin: string;
let connectorAdmin: string;

beforeAll(async () => {
  sandbox = createSandbox({ settings: { oauth: { autoApprove: true } } });
  sandboxUrl = await sandbox.listen(0);
  sandbox.admin.createCompany({ realmId, companyName: 'Acme Field Services', seed: 3, size: 'small' });

  // The mapping service first: it hears everything the connector publishes from now on.
  mapping = await startKafkaHarness();

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  sandbox.oauth.registerClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${url}/v1/oauth/callback`] });
  const schema = uniqueName('connector_mit').slice(0, 60);
  const db = await createDatabase({ url: databaseUrlFromEnv() }, { schema, pool: { max: 5 } });
  const bus = createKafkaBus({ brokers: mapping.brokers, clientId: 'mapping-it-connector', logger: mapping.logger });
  const service = await createConnectorService({
    db,
    bus,
    logger: mapping.logger,
    jwt: { secret: CONNECTOR_JWT_SECRET },
    keys: createTokenKeyRing(generateTokenKey('k1')),
    intuit: createIntuitOAuth({
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
    }),
    qboBaseUrl: sandboxUrl,
    settings: { stateSecret: 'state-secret-for-mapping-it-state-secret', webhookVerifierTokens: ['unused-verifier'], pollerTickMs: 200, cdcIntervalMs: 3_600_000 },
    groupPrefix: `${uniqueName('mit-cx')}.`,
    relayPollIntervalMs: 100,
    // Its intake topic is shared with every other run: a fresh group starts at the end.
    intakeFromBeginning: false,
  });
  await service.start();
  await service.http.listen({ port, host: '127.0.0.1' });
  connector = { service, db, bus, url, schema };

  admin = await mapping.token(tenant, 'admin', { sub: 'alice' });
  connectorAdmin = await mintToken(CONNECTOR_JWT_SECRET, { sub: 'alice', tenant, role: 'owner', svc: false });
});

afterAll(async () => {
  if (connector !== undefined) {
    await connector.service.stopConsumers();
    await connector.service.http.close();
    await connector.service.drainOutbox().catch(() => undefined);
    await connector.bus.close();
    await connector.db.knex.raw('drop schema if exists ?? cascade', [connector.schema]);
    await connector.db.destroy();
  }
  if (mapping !== undefined) await mapping.close();
  if (sandbox !== undefined) await sandbox.close();
});

async function api(method: 'GET' | 'PUT', path: string, body?: object, etag?: string) {
  return mapping.service.http.inject({
    method,
    url: `/v1/tenants/${tenant}/${path}`,
    headers: { authorization: `Bearer ${admin}`, ...(etag === undefined ? {} : { 'if-match': etag }) },
    ...(body === undefined ? {} : { payload: body }),
  });
}
async function etag(): Promise<string> {
  return String((await api('GET', 'settings')).headers.etag);
}
function accounts(): QboAccount[] {
  return sandbox.admin.entities(realmId, 'Account') as unknown as QboAccount[];
}
function firstOf(type: string, except: string[] = []): QboAccount {
  const found = accounts().find((a) => a.AccountType === type && a.Active && !except.includes(a.Id));
  if (found === undefined) throw new Error(`the seeded company has no active ${type} account`);
  return found;
}

/** The admin's connect flow through real HTTP redirects: connector → sandbox consent (approved) → connector callback. */
async function connectThroughRedirects(): Promise<Response> {
  const first = await fetch(`${connector.url}/v1/tenants/${tenant}/connection/connect-url?redirect=true`, { headers: { authorization: `Bearer ${connectorAdmin}` }, redirect: 'manual' });
  if (first.status !== 302) return first;
  const authorize = new URL(first.headers.get('location')!);
  authorize.searchParams.set('sandbox_auto_approve', realmId);
  const consent = await fetch(authorize, { redirect: 'manual' });
  if (consent.status !== 302) return consent;
  // The browser sends back the state cookie connect-url set (the connector binds the OAuth state to it).
  return fetch(consent.headers.get('location')!, { redirect: 'manual', headers: { cookie: first.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') } });
}

describe('mapping with the connector, the sandbox and Kafka', () => {
  it('connects a seeded company and shows it with its reference data', async () => {
    const done = await connectThroughRedirects();
    expect(done.status).toBe(200);

    // The settings page names the connected company (from connector.connections.v1).
    const settings = await waitFor(
      async () => {
        const res = await api('GET', 'settings');
        const body = res.json<{ connection: { realmId: string; companyName: string; status: string } | null }>();
        return body.connection?.status === 'connected' ? body : undefined;
      },
      { timeoutMs: 60_000, description: 'the settings show the connected company' },
    );
    expect(settings.connection).toEqual({ realmId, companyName: 'Acme Field Services', status: 'connected' });

    // The drop-down of income accounts is the company's active Income accounts (from the snapshot on qbo.changes.v1).
    const income = accounts()
      .filter((a) => a.AccountType === 'Income' && a.Active)
      .map((a) => a.Id)
      .sort();
    expect(income.length).toBeGreaterThan(1);
    await waitFor(
      async () => {
        const res = await api('GET', 'reference/accounts?type=Income');
        const ids = res.json<{ items: Array<{ id: string }> }>().items.map((a) => a.id).sort();
        return JSON.stringify(ids) === JSON.stringify(income);
      },
      { timeoutMs: 60_000, description: `the Income accounts ${income.join(',')}` },
    );
    const listed = (await api('GET', 'reference/accounts?type=Income')).json<{ items: Array<{ id: string; name: string }> }>().items;
    expect(listed.map((a) => a.name).sort()).toEqual(accounts().filter((a) => income.includes(a.Id)).map((a) => a.Name).sort());
    const methods = sandbox.admin.entities(realmId, 'PaymentMethod') as unknown as Array<{ Id: string; Active: boolean }>;
    await waitFor(async () => (await api('GET', 'reference/payment-methods')).json<{ items: unknown[] }>().items.length === methods.filter((m) => m.Active).length, {
      timeoutMs: 30_000,
      description: 'the payment methods',
    });
  });

  it('saves valid mappings and refuses an Expense account used as income with a 422 naming the field', async () => {
    const income = firstOf('Income');
    const expense = firstOf('Expense');
    const receivable = firstOf('Accounts Receivable');
    const deposit = firstOf('Bank');
    const saved = await api(
      'PUT',
      'settings',
      { invoices: { enabled: true }, payments: { enabled: true }, accounts: { accountsReceivable: receivable.Id, income: income.Id, expense: expense.Id, deposit: deposit.Id } },
      await etag(),
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ settings: { accounts: { income: income.Id, expense: expense.Id } }, problems: [] });

    const refused = await api('PUT', 'settings', { accounts: { income: expense.Id } }, await etag());
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('invalid_reference');
    expect(refused.json().error.details.violations[0]).toMatchObject({ field: 'accounts.income', entity: 'Account', qboId: expense.Id, reason: 'wrong_type' });

    const refusedGl = await api('PUT', 'mappings', { glCodes: { '5000': expense.Id } }, await etag());
    expect(refusedGl.statusCode).toBe(422);
    expect(refusedGl.json().error.details.violations[0]).toMatchObject({ field: 'glCodes.5000', qboId: expense.Id, reason: 'wrong_type' });
    // Nothing of the refused bodies was stored.
    expect((await api('GET', 'settings')).json().settings.accounts.income).toBe(income.Id);
  });

  it('marks the settings broken and publishes settings.invalidated when the mapped account is made inactive in QBO', async () => {
    // A GL code mapped to an Income account that no item uses (QBO lets it become inactive).
    const usedByItems = new Set((sandbox.admin.entities(realmId, 'Item') as unknown as Array<{ IncomeAccountRef?: { value: string } }>).flatMap((i) => (i.IncomeAccountRef ? [i.IncomeAccountRef.value] : [])));
    const current = (await api('GET', 'settings')).json<{ settings: { accounts: { income: string } } }>().settings.accounts.income;
    const target = accounts().find((a) => a.AccountType === 'Income' && a.Active && a.Id !== current && !usedByItems.has(a.Id)) ?? firstOf('Income', [current]);
    const mapped = await api('PUT', 'mappings', { glCodes: { '4000': target.Id } }, await etag());
    expect(mapped.statusCode).toBe(200);
    expect(mapped.json().problems).toEqual([]);

    // Someone makes the account inactive in QuickBooks (a sparse update through the QBO API, with a token the connector holds).
    const svc = await mintToken(CONNECTOR_JWT_SECRET, { sub: 'mapping-it', tenant, role: 'admin', svc: true });
    const tokenRes = await fetch(`${connector.url}/internal/v1/realms/${realmId}/access-token`, { method: 'POST', headers: { authorization: `Bearer ${svc}` } });
    expect(tokenRes.status).toBe(200);
    const { accessToken } = (await tokenRes.json()) as { accessToken: string };
    const qbo = (path: string, init: RequestInit = {}) =>
      fetch(`${sandboxUrl}/v3/company/${realmId}/${path}${path.includes('?') ? '&' : '?'}minorversion=75`, {
        ...init,
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'content-type': 'application/json' },
      });
    const read = (await (await qbo(`account/${target.Id}`)).json()) as { Account: QboAccount };
    const update = await qbo('account', { method: 'POST', body: JSON.stringify({ Id: target.Id, SyncToken: read.Account.SyncToken, sparse: true, Active: false }) });
    expect(update.status).toBe(200);
    expect(accounts().find((a) => a.Id === target.Id)?.Active).toBe(false);

    // The connector's CDC poll (on demand, as an admin's "sync now") brings the change to qbo.changes.v1.
    await waitFor(
      async () => {
        const res = await fetch(`${connector.url}/v1/tenants/${tenant}/connection/sync`, { method: 'POST', headers: { authorization: `Bearer ${connectorAdmin}` } });
        return res.status === 202 && ((await res.json()) as { polled: boolean }).polled;
      },
      { timeoutMs: 20_000, intervalMs: 500, description: 'a CDC poll of the realm' },
    );

    // What the admin sees: the mapping marked broken.
    const broken = await waitFor(
      async () => {
        const doc = (await api('GET', 'settings')).json<{ problems: Array<{ field: string; qboId: string; reason: string }> }>();
        return doc.problems.length > 0 ? doc : undefined;
      },
      { timeoutMs: 30_000, description: 'the settings marked broken' },
    );
    expect(broken.problems).toEqual([expect.objectContaining({ field: 'mappings.glCodes.4000', entity: 'Account', qboId: target.Id, reason: 'inactive' })]);
    const mappings = (await api('GET', 'mappings')).json<{ problems: unknown[] }>();
    expect(mappings.problems).toEqual(broken.problems);

    // What an integrator sees: settings.invalidated for this tenant on sync.events.v1.
    const invalidated = await waitFor(
      async () => {
        const events = await readTopic(mapping.brokers, syncEvents.name, { untilIdleMs: 500, timeoutMs: 20_000 });
        return events.find((e) => e.event?.type === 'settings.invalidated' && (e.event.data as { tenantId?: string }).tenantId === tenant);
      },
      { timeoutMs: 40_000, intervalMs: 500, description: 'settings.invalidated on sync.events.v1' },
    );
    expect(invalidated.key).toBe(tenant);
    expect(invalidated.event?.data).toMatchObject({
      tenantId: tenant,
      realmId,
      problems: [expect.objectContaining({ field: 'mappings.glCodes.4000', entity: 'Account', qboId: target.Id, reason: 'inactive' })],
    });
  });
});
