/**
 * The `ledgerbus` command tree (commander). Every command takes the global options (--json,
 * --tenant, --token, --url, --host, --timeout) and has its own --help; each action returns its exit code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Apis } from './api';
import { createApis } from './api';
import type { CliConfig, GlobalOptions } from './config';
import { DEFAULT_PORTS, SERVICES, envName, requireTenant, resolveConfig } from './config';
import { dlqList, dlqReplay, dlqShow } from './commands/dlq';
import { retryCommand } from './commands/retry';
import { statusCommand } from './commands/status';
import { currentRunId, syncList, syncStart, watchRun } from './commands/sync';
import type { WatchOptions } from './commands/sync';
import { tenantList, tenantsCommand } from './commands/tenants';
import { tokenCommand } from './commands/token';
import { webhookDeliveries, webhookReplay } from './commands/webhooks';
import type { Out } from './output';
import { createOut } from './output';

export interface ProgramIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Draw progress bars in place (stdout is a terminal). */
  tty: boolean;
  env: NodeJS.ProcessEnv;
}

interface Context {
  config: CliConfig;
  apis: Apis;
  out: Out;
}

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive whole number`);
  return n;
};
const collect = (value: string, previous: string[] = []) => [...previous, value];

const SERVICE_URLS_HELP = `
Service URLs (default: make demo's ports on --host / LEDGERBUS_HOST, 127.0.0.1):
${SERVICES.map((s) => `  ${s.padEnd(14)} :${DEFAULT_PORTS[s]}  ${envName(s)}`).join('\n')}
  override one with --url <service>=<url> (repeatable).

Authentication: --token or LEDGERBUS_TOKEN (a tenant admin's or a service account's JWT); in
development, with JWT_SECRET set and no token, the CLI mints one itself (an admin of --tenant, or
the platform's service account when no tenant is given).

Exit codes: 0 success; 1 failure (API error, service down, run failed or cancelled);
2 usage (bad flags, no token, no tenant); 3 a sync run ended partially_failed.`;

/** Builds the program; `run` resolves to the exit code (`parseAsync` errors are turned into codes by main). */
export function buildProgram(io: ProgramIo, setExit: (code: number) => void): Command {
  const program = new Command('ledgerbus');
  program
    .description("ledgerbus's operator CLI: status, tenants, sync runs, retries, dead letters, webhook deliveries, dev tokens — over the services' HTTP APIs")
    .addOption(new Option('--json', 'machine-readable output (one JSON document on stdout)'))
    .addOption(new Option('-t, --tenant <id>', 'the tenant to act on').env('LEDGERBUS_TENANT'))
    .addOption(new Option('--token <jwt>', 'bearer token').env('LEDGERBUS_TOKEN'))
    .addOption(new Option('--host <host>', "host of every service's default URL").env('LEDGERBUS_HOST'))
    .addOption(new Option('--url <service=url>', 'one service\'s base URL (repeatable)').argParser(collect))
    .addOption(new Option('--timeout <ms>', 'per-request timeout in milliseconds').default('15000').env('LEDGERBUS_TIMEOUT_MS'))
    .version((JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', SERVICE_URLS_HELP)
    .exitOverride();

  const ctx = (cmd: Command, override: Partial<GlobalOptions> = {}): Context => {
    const config = resolveConfig({ ...cmd.optsWithGlobals<GlobalOptions>(), ...override }, io.env);
    return { config, apis: createApis(config), out: createOut(config.json, io.stdout) };
  };
  const watchOptions = (config: CliConfig, o: { interval: number; watchTimeout: number }): WatchOptions => ({
    intervalMs: o.interval,
    timeoutMs: o.watchTimeout * 1000,
    tty: io.tty && !config.json,
    write: io.stdout,
  });
  const watchFlags = (cmd: Command) =>
    cmd
      .addOption(new Option('--interval <ms>', 'poll interval').default(500).argParser(positiveInt('--interval')))
      .addOption(new Option('--watch-timeout <s>', 'give up watching after this many seconds').default(3600).argParser(positiveInt('--watch-timeout')));

  program
    .command('status')
    .description(
      "every service's health and readiness, the push and webhook backlogs from their /metrics, the deployment's QBO usage, and with --tenant its connection, integration, held records and pending dead letters. Kafka consumer lag is not shown: it needs a Kafka client (an embedded stack has no Kafka); the push backlog is what to scale on",
    )
    .addOption(new Option('--skip <services>', 'services not deployed here, comma-separated (e.g. invoice-push,payment-push on an embedded stack, whose workers serve no HTTP)').argParser(collect))
    .action(async (o: { skip?: string[] }, cmd: Command) => {
      const { config, apis, out } = ctx(cmd);
      setExit(await statusCommand(config, apis, out, o));
    });

  program
    .command('tenants')
    .description("each tenant's connection, integration, last run and held records; the tenants are named with --tenant a,b (comma-separated) or LEDGERBUS_TENANTS — no HTTP API lists a deployment's tenants")
    .action(async (_o: unknown, cmd: Command) => {
      const given = cmd.optsWithGlobals<GlobalOptions>().tenant;
      const { config, out } = ctx(cmd, { tenant: undefined });
      // Each tenant's calls with its own configuration: a minted development token is that tenant's admin.
      setExit(await tenantsCommand((tenant) => ctx(cmd, { tenant }).apis, out, tenantList(config, given === undefined ? undefined : [given], io.env)));
    });

  const sync = program.command('sync').description('sync runs: start one ("Synchronize now"), watch one phase by phase, list them');
  watchFlags(
    sync
      .command('start')
      .description('start a run for --tenant (409 run_in_progress names the running one)')
      .option('--division <id>', "one division's run")
      .option('-w, --watch', 'follow it until it ends (exit code by its outcome)'),
  ).action(async (o: { division?: string; watch?: boolean; interval: number; watchTimeout: number }, cmd: Command) => {
    const { config, apis, out } = ctx(cmd);
    setExit(await syncStart(apis, requireTenant(config), out, { ...o, ...watchOptions(config, o) }));
  });
  watchFlags(
    sync
      .command('watch')
      .description('follow a run until it ends, one progress bar per phase (default: the run in progress, else the latest); exit 0 succeeded, 3 partially_failed, 1 failed/cancelled')
      .argument('[runId]', 'the run'),
  ).action(async (runId: string | undefined, o: { interval: number; watchTimeout: number }, cmd: Command) => {
    const { config, apis, out } = ctx(cmd);
    const tenant = requireTenant(config);
    setExit(await watchRun(apis, tenant, runId ?? (await currentRunId(apis, tenant)), out, watchOptions(config, o)));
  });
  sync
    .command('list')
    .description("the tenant's runs, newest first")
    .addOption(new Option('--limit <n>', 'how many').default(20).argParser(positiveInt('--limit')))
    .action(async (o: { limit: number }, cmd: Command) => {
      const { config, apis, out } = ctx(cmd);
      setExit(await syncList(apis, requireTenant(config), out, o.limit));
    });

  watchFlags(
    program
      .command('retry')
      .description('retry the records whose latest outcome matches the filters, in one run (or one sync-log entry with --entry)')
      .addOption(new Option('--outcome <outcome>', 'latest outcome').choices(['failed', 'held', 'skipped']).default('failed'))
      .addOption(new Option('--entity <entity>', 'only this kind of record').choices(['customer', 'invoice', 'payment']))
      .option('--code <code>', 'the failure code, hold reason or skip filter (e.g. customer_not_synced)')
      .option('--from <iso>', 'latest outcome at or after (ISO date-time)')
      .option('--to <iso>', 'latest outcome before (ISO date-time)')
      .addOption(new Option('--id <syncLogId>', 'only the records of these sync-log entries (repeatable)').argParser(collect))
      .option('--division <id>', "one division's records")
      .option('--entry <syncLogId>', 'retry this one sync-log entry instead (no run)')
      .option('-w, --watch', 'follow the retry run until it ends'),
  ).action(async (o: { outcome: 'failed'; entity?: 'invoice'; code?: string; from?: string; to?: string; id?: string[]; division?: string; entry?: string; watch?: boolean; interval: number; watchTimeout: number }, cmd: Command) => {
    const { config, apis, out } = ctx(cmd);
    setExit(await retryCommand(apis, requireTenant(config), out, { ...o, ...(o.id === undefined ? {} : { ids: o.id }), ...watchOptions(config, o) }));
  });

  const dlq = program.command('dlq').description("the tenant's dead-lettered platform messages (platform.*.dlq): list, show, replay");
  dlq
    .command('list')
    .description('dead letters, newest first, with why they died')
    .option('--topic <topic>', 'the topic they died on, e.g. platform.invoices.v1')
    .option('--code <code>', 'the reason code, e.g. contract_violation')
    .addOption(new Option('--status <status>', 'pending or replayed').choices(['pending', 'replayed']))
    .option('--division <id>', "one division's")
    .option('--before <id>', 'page: older than this id')
    .addOption(new Option('--limit <n>', 'how many').default(100).argParser(positiveInt('--limit')))
    .action(async (o: { topic?: string; code?: string; status?: 'pending'; division?: string; before?: string; limit: number }, cmd: Command) => {
      const { config, apis, out } = ctx(cmd);
      setExit(await dlqList(apis, requireTenant(config), out, o));
    });
  dlq
    .command('show')
    .description('one dead letter: source topic, offsets, reason, handler, key (with --json also its headers and value)')
    .argument('<id>', 'the dead letter')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const { config, apis, out } = ctx(cmd);
      setExit(await dlqShow(apis, requireTenant(config), out, id));
    });
  dlq
    .command('replay')
    .description('republish dead letters to their source topic after a fix: by id, or the oldest pending ones matching a filter')
    .argument('[ids...]', 'dead-letter ids')
    .option('--topic <topic>', 'filter: source topic')
    .option('--code <code>', 'filter: reason code')
    .option('--division <id>', 'filter: division')
    .option('--all', 'every pending, replayable dead letter (up to --limit)')
    .addOption(new Option('--limit <n>', 'with a filter: at most this many (default 100)').argParser(positiveInt('--limit')))
    .action(async (ids: string[], o: { topic?: string; code?: string; division?: string; all?: boolean; limit?: number }, cmd: Command) => {
      const { config, apis, out } = ctx(cmd);
      setExit(await dlqReplay(apis, requireTenant(config), out, ids, o));
    });

  const webhooks = program.command('webhooks').description("the tenant's outbound webhook deliveries and their replay");
  webhooks
    .command('deliveries')
    .description('deliveries of every endpoint of the tenant (or one), newest first')
    .option('--endpoint <id>', 'one endpoint')
    .addOption(new Option('--status <status>', 'pending, delivered or failed').choices(['pending', 'delivered', 'failed']))
    .option('--event-type <type>', 'e.g. invoice.pushed')
    .addOption(new Option('--limit <n>', 'per endpoint').default(50).argParser(positiveInt('--limit')))
    .action(async (o: { endpoint?: string; status?: string; eventType?: string; limit: number }, cmd: Command) => {
      const { config, apis, out } = ctx(cmd);
      setExit(await webhookDeliveries(apis, requireTenant(config), out, o));
    });
  webhooks
    .command('replay')
    .description('send deliveries again (by id), or every stored event of a time window (--from/--to) to an endpoint')
    .argument('[deliveryIds...]', 'deliveries to send again')
    .requiredOption('--endpoint <id>', 'the endpoint')
    .option('--from <iso>', 'events at or after')
    .option('--to <iso>', 'events before')
    .action(async (ids: string[], o: { endpoint: string; from?: string; to?: string }, cmd: Command) => {
      const { config, apis, out } = ctx(cmd);
      setExit(await webhookReplay(apis, requireTenant(config), out, ids, o));
    });

  program
    .command('token')
    .description('mint a development JWT signed with JWT_SECRET (never for production: real tokens come from your identity provider)')
    .addOption(new Option('--role <role>', 'owner, admin or viewer').default('admin'))
    .option('--sub <sub>', 'the subject (default dev-<role>, or svc:ledgerbus-cli with --svc)')
    .option('--svc', "a service account (with --tenant '*': the platform's, every tenant)")
    .option('--scope <scopes>', 'limit the token to routes that accept one of these scopes, e.g. ingest')
    .option('--ttl <duration>', 'lifetime, e.g. 30m, 8h', '8h')
    .action(async (o: { role: string; sub?: string; svc?: boolean; scope?: string; ttl: string }, cmd: Command) => {
      const tenant = cmd.optsWithGlobals<GlobalOptions>().tenant;
      setExit(await tokenCommand(createOut(cmd.optsWithGlobals<GlobalOptions>().json === true, io.stdout), { ...o, ...(tenant === undefined ? {} : { tenant }) }, io.env));
    });

  return program;
}
