/**
 * Where the services are and who the CLI is: flags first, then environment variables, then the
 * ports of `make demo` (and of deploy/local) on 127.0.0.1.
 */
import { mintToken } from '@ledgerbus/kit';
import { CliError, EXIT } from './errors';

export const SERVICES = ['connector', 'mapping', 'customer-sync', 'metrics', 'ingest', 'webhooks', 'invoice-push', 'payment-push'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** make demo's ports; the push workers' are deploy/local's (the embedded stack runs them without HTTP). */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
  connector: 8081,
  mapping: 8082,
  'customer-sync': 8084,
  metrics: 8085,
  'invoice-push': 8086,
  'payment-push': 8087,
  ingest: 8088,
  webhooks: 8089,
};

/** LEDGERBUS_CONNECTOR_URL, LEDGERBUS_CUSTOMER_SYNC_URL, … */
export function envName(service: ServiceName): string {
  return `LEDGERBUS_${service.toUpperCase().replace(/-/g, '_')}_URL`;
}

export interface GlobalOptions {
  json?: boolean;
  tenant?: string;
  token?: string;
  host?: string;
  url?: string[];
  timeout?: string;
}

export interface CliConfig {
  json: boolean;
  tenant: string | undefined;
  urls: Record<ServiceName, string>;
  timeoutMs: number;
  /** The bearer token: given, or minted from JWT_SECRET (development). */
  token(): Promise<string>;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function resolveConfig(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): CliConfig {
  const host = options.host ?? env.LEDGERBUS_HOST ?? '127.0.0.1';
  const urls = Object.fromEntries(SERVICES.map((s) => [s, trimSlash(env[envName(s)] ?? `http://${host}:${DEFAULT_PORTS[s]}`)])) as Record<ServiceName, string>;
  for (const pair of options.url ?? []) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at) as ServiceName;
    if (at <= 0 || !SERVICES.includes(name)) throw new CliError(`--url takes <service>=<url> with a service among ${SERVICES.join(', ')} (got "${pair}")`, EXIT.usage, 'bad_url');
    urls[name] = trimSlash(pair.slice(at + 1));
  }
  const timeoutMs = Number(options.timeout ?? env.LEDGERBUS_TIMEOUT_MS ?? 15_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new CliError('--timeout must be a whole number of milliseconds', EXIT.usage, 'bad_timeout');
  const tenant = options.tenant ?? env.LEDGERBUS_TENANT;
  const given = options.token ?? env.LEDGERBUS_TOKEN;
  let minted: Promise<string> | undefined;
  return {
    json: options.json === true,
    tenant: tenant === '' ? undefined : tenant,
    urls,
    timeoutMs,
    token: () => {
      if (given !== undefined && given !== '') return Promise.resolve(given);
      const secret = env.JWT_SECRET;
      if (secret === undefined || secret.length < 32) {
        return Promise.reject(new CliError('no token: give --token or LEDGERBUS_TOKEN (or, in development, JWT_SECRET to mint one)', EXIT.usage, 'no_token'));
      }
      // Development: an admin of the tenant, or the platform's service account when no tenant is given.
      minted ??= mintToken(secret, tenant === undefined ? { sub: 'svc:ledgerbus-cli', tenant: '*', role: 'admin', svc: true } : { sub: 'ledgerbus-cli', tenant, role: 'admin' }, '1h');
      return minted;
    },
  };
}

/** The tenant a command needs, or a usage error naming the flag. */
export function requireTenant(config: CliConfig): string {
  if (config.tenant === undefined) throw new CliError('this command needs a tenant: --tenant <id> (or LEDGERBUS_TENANT)', EXIT.usage, 'no_tenant');
  return config.tenant;
}
