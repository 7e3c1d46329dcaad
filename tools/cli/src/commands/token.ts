/** `ledgerbus token`: mints a development JWT signed with JWT_SECRET (the secret the services verify with). */
import { ROLES, mintToken } from '@ledgerbus/kit';
import type { Role } from '@ledgerbus/kit';
import { CliError, EXIT } from '../errors';
import type { Out } from '../output';

export interface TokenOptions {
  tenant?: string;
  role: string;
  sub?: string;
  svc?: boolean;
  scope?: string;
  ttl: string;
}

export async function tokenCommand(out: Out, options: TokenOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const secret = env.JWT_SECRET;
  if (secret === undefined || secret.length < 32) throw new CliError('set JWT_SECRET (at least 32 characters), the secret the services verify with', EXIT.usage, 'no_secret');
  if (options.tenant === undefined) throw new CliError("--tenant is required ('*' with --svc: the platform's service account)", EXIT.usage, 'no_tenant');
  if (!(ROLES as readonly string[]).includes(options.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}`, EXIT.usage, 'bad_role');
  const sub = options.sub ?? (options.svc === true ? 'svc:ledgerbus-cli' : `dev-${options.role}`);
  const scope = options.scope?.split(/[ ,]+/).filter((s) => s !== '');
  let token: string;
  try {
    token = await mintToken(secret, { tenant: options.tenant, role: options.role as Role, sub, svc: options.svc === true, ...(scope === undefined ? {} : { scope }) }, options.ttl);
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), EXIT.usage, 'bad_token_claims');
  }
  if (out.json) out.data({ token, tenant: options.tenant, role: options.role, sub, svc: options.svc === true, scope: scope ?? null, ttl: options.ttl });
  else out.line(token);
  return EXIT.ok;
}
