/** The CLI's pure parts: Prometheus parsing, progress bars, configuration, exit codes. */
import { EXIT, CliError } from '../src/errors';
import { resolveConfig, requireTenant } from '../src/config';
import { samples } from '../src/commands/status';
import { runExitCode } from '../src/commands/sync';
import { tenantList } from '../src/commands/tenants';
import { bar, createProgressView, phaseLine } from '../src/progress';
import { table } from '../src/output';

const SECRET = 'unit-test-secret-unit-test-secret-unit';

describe('the CLI, in process', () => {
  it('reads the samples of one metric from a Prometheus exposition, labels and all', () => {
    const text = [
      '# HELP ledgerbus_push_jobs Push jobs',
      '# TYPE ledgerbus_push_jobs gauge',
      'ledgerbus_push_jobs{entity="invoice",status="pending",reason=""} 12',
      'ledgerbus_push_jobs{entity="invoice",status="held",reason="customer_not_synced"} 3',
      'ledgerbus_push_jobs_total 99',
      'webhooks_backlog{state="pending"} 4',
    ].join('\n');
    expect(samples(text, 'ledgerbus_push_jobs')).toEqual([
      { labels: { entity: 'invoice', status: 'pending', reason: '' }, value: 12 },
      { labels: { entity: 'invoice', status: 'held', reason: 'customer_not_synced' }, value: 3 },
    ]);
    expect(samples(text, 'webhooks_backlog')).toEqual([{ labels: { state: 'pending' }, value: 4 }]);
  });

  it('draws a bar per phase, full when completed, and redraws in place only on a terminal', () => {
    expect(bar(0, 0, 4)).toBe('[----]');
    expect(bar(1, 2, 4)).toBe('[##--]');
    expect(bar(5, 2, 4)).toBe('[####]');
    const summary = { considered: 4, alreadyCurrent: 1, pushed: 2, skipped: { total: 0, reasons: {} }, held: { total: 0, reasons: {} }, failed: { total: 1, reasons: { x: 1 } }, queued: 4, settled: 2 };
    const phase = { phase: 'invoices' as const, status: 'running' as const, note: null, startedAt: null, endedAt: null, summary };
    expect(phaseLine(phase)).toMatch(/^invoices\s+\[#{12}-{12}\]\s+2\/4\s+running\s+pushed 2, current 1, failed 1, held 0, skipped 0$/);
    expect(phaseLine({ ...phase, status: 'completed' })).toMatch(/\[#{24}\]\s+4\/4\s+completed/);

    const run = { runId: 'r1', kind: 'manual', status: 'running', error: null, phases: [phase] } as never;
    const written: string[] = [];
    const log = createProgressView((t) => written.push(t), false);
    log.update(run);
    log.update(run);
    expect(written).toEqual(['run r1 (manual) running\n', `${phaseLine(phase)}\n`]);
    const tty: string[] = [];
    const screen = createProgressView((t) => tty.push(t), true);
    screen.update(run);
    screen.update(run);
    expect(tty[1]).toBe('\x1b[2A');
  });

  it('takes service URLs from flags over the environment over the defaults, and refuses a bad --url', () => {
    const config = resolveConfig({ url: ['mapping=http://m.example:1/'] }, { LEDGERBUS_WEBHOOKS_URL: 'http://w.example:2', LEDGERBUS_HOST: '10.0.0.5' });
    expect(config.urls).toMatchObject({ mapping: 'http://m.example:1', webhooks: 'http://w.example:2', connector: 'http://10.0.0.5:8081', ingest: 'http://10.0.0.5:8088' });
    expect(() => resolveConfig({ url: ['nope=http://x'] }, {})).toThrow(/--url takes <service>=<url>/);
    expect(() => resolveConfig({ timeout: '-1' }, {})).toThrow(CliError);
    expect(() => requireTenant(resolveConfig({}, {}))).toThrow(/--tenant/);
  });

  it("uses the given token, or mints a tenant admin's (or the platform's service account) from JWT_SECRET", async () => {
    await expect(resolveConfig({ token: 'given' }, { JWT_SECRET: SECRET }).token()).resolves.toBe('given');
    const claims = async (tenant?: string) => {
      const token = await resolveConfig(tenant === undefined ? {} : { tenant }, { JWT_SECRET: SECRET }).token();
      return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    };
    expect(await claims('acme')).toMatchObject({ tenant: 'acme', role: 'admin', svc: false });
    expect(await claims()).toMatchObject({ tenant: '*', svc: true });
    await expect(resolveConfig({}, {}).token()).rejects.toMatchObject({ exitCode: EXIT.usage });
  });

  it('ends with 0 for a succeeded run, 3 for a partially failed one, 1 otherwise', () => {
    expect([runExitCode('succeeded'), runExitCode('partially_failed'), runExitCode('failed'), runExitCode('cancelled')]).toEqual([0, 3, 1, 1]);
  });

  it('takes the tenants from --tenant a,b or LEDGERBUS_TENANTS, and asks for them when none is given', () => {
    const config = resolveConfig({}, {});
    expect(tenantList(config, ['a, b,a'], {})).toEqual(['a', 'b']);
    expect(tenantList(config, undefined, { LEDGERBUS_TENANTS: 'x,y' })).toEqual(['x', 'y']);
    expect(() => tenantList(config, undefined, {})).toThrow(/no HTTP API lists every tenant/);
  });

  it('pads table columns and shows missing cells as -', () => {
    expect(table([{ id: '1', name: 'alpha' }, { id: '22', name: null }], ['id', 'name'])).toEqual(['ID  NAME', '1   alpha', '22  -']);
    expect(table([], ['id'])).toEqual(['(none)']);
  });
});
