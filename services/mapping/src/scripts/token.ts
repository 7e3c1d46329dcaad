/**
 * Mints a development JWT for the settings API:
 *   npm run token -- --tenant t1 --role admin [--sub alice] [--svc] [--scope ingest] [--ttl 8h]
 * (--tenant '*' --svc: a service account of every tenant; --scope limits the token to routes that accept it.)
 * Signed with JWT_SECRET (the same variable the service reads).
 */
import { parseArgs } from 'node:util';
import { ROLES, mintToken } from '@ledgerbus/kit';
import type { Role } from '@ledgerbus/kit';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      sub: { type: 'string' },
      svc: { type: 'boolean', default: false },
      scope: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  const secret = process.env.JWT_SECRET;
  if (secret === undefined || secret.length < 32) throw new Error('set JWT_SECRET (at least 32 characters), the secret the service verifies with');
  if (values.tenant === undefined) throw new Error('--tenant is required');
  if (!(ROLES as readonly string[]).includes(values.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const token = await mintToken(secret, { tenant: values.tenant, role: values.role as Role, sub: values.sub ?? `dev-${values.role}`, svc: values.svc, ...(values.scope === undefined ? {} : { scope: values.scope }) }, values.ttl);
  process.stdout.write(`${token}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
