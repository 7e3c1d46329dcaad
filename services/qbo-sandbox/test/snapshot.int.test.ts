import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSandbox } from '../src';
import type { Sandbox } from '../src';
import { waitFor } from './support/harness';

const root = path.resolve(__dirname, '../../..');
const ENTITIES = ['Account', 'Customer', 'Employee', 'Item', 'Invoice', 'Payment', 'SalesReceipt', 'PaymentMethod', 'TaxCode', 'Class', 'Purchase', 'JournalEntry', 'CompanyInfo', 'Preferences'];

interface Call {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are asserted field by field
  body: any;
}

async function call(base: string, pathname: string, init: { method?: string; token?: string; json?: unknown; form?: Record<string, string>; basic?: string } = {}): Promise<Call> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.basic) headers.authorization = `Basic ${Buffer.from(init.basic).toString('base64')}`;
  let body: string | undefined;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] = 'application/json';
  } else if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const res = await fetch(new URL(pathname, base), { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

describe('state snapshot file', () => {
  let dir: string;
  const open: Sandbox[] = [];
  const start = async (options: Parameters<typeof createSandbox>[0] = {}): Promise<{ sandbox: Sandbox; base: string }> => {
    const sandbox = createSandbox({ ...options, settings: { limits: { enabled: false } } });
    open.push(sandbox);
    return { sandbox, base: await sandbox.listen(0) };
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qbo-sandbox-snapshot-'));
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores companies, records, ids, OAuth tokens and webhook endpoints in a new sandbox from the file', async () => {
    const file = path.join(dir, 'state.json');
    const a = await start({ snapshotFile: file });
    expect(a.sandbox.restoredFromSnapshot).toBe(false);
    const { realmId } = a.sandbox.admin.createCompany({ seed: 3, size: 'small', months: 3 });
    const { realmId: emptyRealm } = a.sandbox.admin.createCompany({ companyName: 'Second Co' });
    const issued = a.sandbox.oauth.issueTokens({ realmId }).response;
    const api = (p: string): string => `/v3/company/${realmId}/${p}`;

    const customer = await call(a.base, api('customer'), { token: issued.access_token, json: { DisplayName: 'Snapshot Customer', PrimaryEmailAddr: { Address: 'snap@example.com' } } });
    expect(customer.status).toBe(200);
    const item = a.sandbox.admin.entities(realmId, 'Item').find((i) => i.Type === 'Service' && i.Active !== false);
    const invoice = await call(a.base, api('invoice'), {
      token: issued.access_token,
      json: { CustomerRef: { value: customer.body.Customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 123.45, SalesItemLineDetail: { ItemRef: { value: item?.Id } } }] },
    });
    expect(invoice.status).toBe(200);
    const doomed = await call(a.base, api('invoice'), {
      token: issued.access_token,
      json: { CustomerRef: { value: customer.body.Customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: item?.Id } } }] },
    });
    const deleted = await call(a.base, `${api('invoice')}?operation=delete`, { token: issued.access_token, json: { Id: doomed.body.Invoice.Id, SyncToken: doomed.body.Invoice.SyncToken } });
    expect(deleted.body.Invoice.status).toBe('Deleted');
    const app = await call(a.base, '/_sandbox/oauth/clients', { json: { redirectUris: ['http://localhost:9/cb'], appName: 'Snapshot app' } });
    expect(app.status).toBeLessThan(300);
    const endpoint = await call(a.base, '/_sandbox/webhooks/endpoints/snap-app', { method: 'PUT', json: { url: 'http://127.0.0.1:9/hooks', verifierToken: 'verifier-1', format: 'cloudevents' } });
    expect(endpoint.status).toBe(200);
    a.sandbox.clock.advance(3_600_000 * 24 * 3); // sandbox time ahead of real time: the restore must not go back
    const issuedLater = a.sandbox.oauth.issueTokens({ realmId }).response;

    const taken = await call(a.base, '/_sandbox/snapshot', { method: 'POST' });
    expect(taken.status).toBe(200);
    expect(taken.body).toEqual({ file, bytes: expect.any(Number), clockNow: expect.any(String), companies: 2 });
    expect(existsSync(file)).toBe(true);
    const before = Object.fromEntries(ENTITIES.map((e) => [e, a.sandbox.admin.entities(realmId, e)]));
    const clockAtSnapshot = Date.parse(taken.body.clockNow);
    await a.sandbox.close();

    const b = await start({ snapshotFile: file });
    expect(b.sandbox.restoredFromSnapshot).toBe(true);
    expect(b.sandbox.admin.listCompanies().map((c) => c.realmId).sort()).toEqual([realmId, emptyRealm].sort());
    expect(b.sandbox.clock.now().getTime()).toBeGreaterThanOrEqual(clockAtSnapshot);
    // every record of every entity, over the admin HTTP API, is the same (money included)
    for (const entity of ENTITIES) {
      const listed = await call(b.base, `/_sandbox/companies/${realmId}/entities/${entity}`);
      expect(listed.status).toBe(200);
      expect(listed.body.entities).toEqual(JSON.parse(JSON.stringify(before[entity], (_k, v: unknown) => (typeof v === 'string' && v.startsWith('\u0001money:') ? Number(v.slice(7)) : v))));
    }
    // the access token issued before the snapshot still works, on the same record
    const read = await call(b.base, api(`invoice/${invoice.body.Invoice.Id}`), { token: issuedLater.access_token });
    expect(read.status).toBe(200);
    expect(read.body.Invoice).toMatchObject({ Id: invoice.body.Invoice.Id, SyncToken: '0', TotalAmt: 123.45, Balance: 123.45, CustomerRef: { value: customer.body.Customer.Id } });
    // the refresh token too, at the token endpoint with the default app
    const client = b.sandbox.oauth.settings.clients[0];
    const refreshed = await call(b.base, '/oauth2/v1/tokens/bearer', { basic: `${client?.clientId}:${client?.clientSecret}`, form: { grant_type: 'refresh_token', refresh_token: issuedLater.refresh_token } });
    expect(refreshed.status).toBe(200);
    expect((await call(b.base, api(`customer/${customer.body.Customer.Id}`), { token: refreshed.body.access_token })).body.Customer.DisplayName).toBe('Snapshot Customer');
    // the registered app and the webhook endpoint are back
    expect(b.sandbox.oauth.listClients().map((c) => c.clientId)).toContain(app.body.clientId);
    expect((await call(b.base, '/_sandbox/webhooks/endpoints')).body).toEqual(expect.objectContaining({ endpoints: [expect.objectContaining({ appId: 'snap-app', url: 'http://127.0.0.1:9/hooks', verifierToken: 'verifier-1', format: 'cloudevents' })] }));
    // ids continue after the restored sequences (transactions share one), DisplayName checks see restored names
    const next = await call(b.base, api('invoice'), {
      token: issuedLater.access_token,
      json: { CustomerRef: { value: customer.body.Customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 1, SalesItemLineDetail: { ItemRef: { value: item?.Id } } }] },
    });
    expect(next.status).toBe(200);
    expect(Number(next.body.Invoice.Id)).toBe(Number(doomed.body.Invoice.Id) + 1);
    expect(Number(next.body.Invoice.DocNumber)).toBe(Number(doomed.body.Invoice.DocNumber) + 1);
    const duplicate = await call(b.base, api('customer'), { token: issuedLater.access_token, json: { DisplayName: 'Snapshot Customer' } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.Fault.Error[0].code).toBe('6240');
    // the deleted invoice is still reported as deleted by CDC
    const since = new Date(clockAtSnapshot - 3_600_000 * 24 * 4).toISOString();
    const cdc = await call(b.base, `${api('cdc')}?entities=Invoice&changedSince=${encodeURIComponent(since)}`, { token: issuedLater.access_token });
    expect(cdc.status).toBe(200);
    const invoices = cdc.body.CDCResponse[0].QueryResponse[0].Invoice as Array<{ Id: string; status?: string }>;
    expect(invoices).toEqual(expect.arrayContaining([expect.objectContaining({ Id: doomed.body.Invoice.Id, status: 'Deleted' })]));
    // a new company gets a new realmId, never a restored one
    const third = b.sandbox.admin.createCompany({});
    expect([realmId, emptyRealm]).not.toContain(third.realmId);
  });

  it('keeps id_tokens verifiable: the restored sandbox publishes the same signing key', async () => {
    const file = path.join(dir, 'keys.json');
    const a = await start({ snapshotFile: file });
    const jwksBefore = await call(a.base, '/op/v1/jwks');
    a.sandbox.snapshot();
    await a.sandbox.close();
    const b = await start({ snapshotFile: file });
    expect((await call(b.base, '/op/v1/jwks')).body).toEqual(jwksBefore.body);
  });

  it('answers 409 snapshot_not_configured to POST /_sandbox/snapshot without a snapshot file', async () => {
    const { base } = await start();
    const res = await call(base, '/_sandbox/snapshot', { method: 'POST' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('snapshot_not_configured');
  });

  it('refuses to start from a file that is not a sandbox snapshot, and starts empty when the file does not exist', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"hello":"world"}');
    expect(() => createSandbox({ snapshotFile: bad })).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    const { sandbox } = await start({ snapshotFile: path.join(dir, 'missing.json') });
    expect(sandbox.restoredFromSnapshot).toBe(false);
    expect(sandbox.admin.listCompanies()).toEqual([]);
  });
});

interface Child {
  process: ChildProcessWithoutNullStreams;
  lines: string[];
  exited: Promise<number | null>;
}

function startMain(env: Record<string, string>): Child {
  // node itself (not the tsx wrapper) so that the signal reaches main.ts directly
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'services/qbo-sandbox/src/main.ts')], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json'), QBO_SANDBOX_PORT: '0', QBO_SANDBOX_SIZE: 'small', QBO_SANDBOX_LIMITS: 'off', ...env },
  });
  const lines: string[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, lines, exited };
}

function printed(child: Child, label: string): string {
  const line = child.lines.find((l) => l.trimStart().startsWith(label));
  const value = line?.split(' : ')[1]?.trim().split(/\s+/)[0];
  if (!value) throw new Error(`no "${label}" line in ${child.lines.join('\n')}`);
  return value;
}

describe('npm run sandbox with QBO_SANDBOX_SNAPSHOT_FILE', () => {
  const children: Child[] = [];
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qbo-sandbox-main-'));
  });
  afterAll(() => {
    for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the state on SIGTERM and starts from it next time: the same records, ids and access token', async () => {
    const file = path.join(dir, 'sandbox.json');
    const realmId = '123146096291789';
    const first = startMain({ QBO_SANDBOX_SNAPSHOT_FILE: file, QBO_SANDBOX_REALM_ID: realmId });
    children.push(first);
    await waitFor(() => first.lines.some((l) => l.includes('snapshot file')), 60_000, 50);
    const base = /listening on (\S+)/.exec(first.lines.join('\n'))?.[1] ?? '';
    const token = printed(first, 'demo access token');
    expect(first.lines.join('\n')).toContain('no file yet');
    const created = await call(base, `/v3/company/${realmId}/customer`, { token, json: { DisplayName: 'Survives Restart' } });
    expect(created.status).toBe(200);
    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.lines.join('\n')).toContain(`snapshot written to ${file}`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'ledgerbus-qbo-sandbox-snapshot', version: 1 });

    const second = startMain({ QBO_SANDBOX_SNAPSHOT_FILE: file, QBO_SANDBOX_REALM_ID: realmId });
    children.push(second);
    await waitFor(() => second.lines.some((l) => l.includes('snapshot file')), 60_000, 50);
    const base2 = /listening on (\S+)/.exec(second.lines.join('\n'))?.[1] ?? '';
    expect(second.lines.join('\n')).toContain('restored 1 companies from it');
    const read = await call(base2, `/v3/company/${realmId}/customer/${created.body.Customer.Id}`, { token });
    expect(read.status).toBe(200);
    expect(read.body.Customer).toMatchObject({ Id: created.body.Customer.Id, DisplayName: 'Survives Restart', SyncToken: '0' });
    const counted = await call(base2, `/v3/company/${realmId}/query?query=${encodeURIComponent("select count(*) from Customer where DisplayName = 'Survives Restart'")}`, { token });
    expect(counted.body.QueryResponse.totalCount).toBe(1);
    second.process.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
