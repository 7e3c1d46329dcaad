/**
 * `npm run sandbox`: the only place that reads the environment. Starts the sandbox with a
 * seeded demo company and prints its URLs and credentials.
 */
import { z } from 'zod';
import { createSandbox } from './app';

const Env = z.object({
  QBO_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(8111),
  QBO_SANDBOX_HOST: z.string().default('127.0.0.1'),
  QBO_SANDBOX_SEED: z.string().default('42'),
  QBO_SANDBOX_SIZE: z.enum(['empty', 'small', 'medium', 'large']).default('medium'),
  QBO_SANDBOX_REALM_ID: z.string().regex(/^\d{1,20}$/).default('9341452913645722'),
  QBO_SANDBOX_TIME_SCALE: z.coerce.number().positive().default(1),
  QBO_SANDBOX_LIMITS: z.enum(['on', 'off']).default('on'),
  /** A fixed bearer token valid for every realm (handy with curl); empty = none. */
  QBO_SANDBOX_STATIC_TOKEN: z.string().default(''),
  QBO_SANDBOX_LOG: z.enum(['on', 'off']).default('off'),
  /** Where the demo app's webhooks go (empty = no endpoint configured). */
  QBO_SANDBOX_WEBHOOK_URL: z.string().url().optional(),
  QBO_SANDBOX_WEBHOOK_VERIFIER: z.string().min(1).default('sandbox-webhook-verifier-token'),
  QBO_SANDBOX_WEBHOOK_FORMAT: z.enum(['legacy', 'cloudevents']).default('legacy'),
  /** State file: loaded at start when it exists, written on SIGINT/SIGTERM and POST /_sandbox/snapshot (empty = memory only). */
  QBO_SANDBOX_SNAPSHOT_FILE: z.string().default(''),
  /**
   * `on` (default): print the demo app's client secret, the webhook verifier, the static token and a
   * ready access + refresh token. `off` (deploy/local/services.sh's default): print none of them.
   */
  QBO_SANDBOX_PRINT_SECRETS: z.enum(['on', 'off']).default('on'),
});

async function main(): Promise<void> {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) process.stderr.write(`invalid ${issue.path.join('.')}: ${issue.message}\n`);
    process.exit(1);
  }
  const env = parsed.data;
  const staticTokens: Record<string, string> = env.QBO_SANDBOX_STATIC_TOKEN ? { [env.QBO_SANDBOX_STATIC_TOKEN]: '*' } : {};
  const sandbox = createSandbox({
    timeScale: env.QBO_SANDBOX_TIME_SCALE,
    staticTokens,
    logger: env.QBO_SANDBOX_LOG === 'on',
    settings: { limits: { enabled: env.QBO_SANDBOX_LIMITS === 'on' } },
    ...(env.QBO_SANDBOX_SNAPSHOT_FILE ? { snapshotFile: env.QBO_SANDBOX_SNAPSHOT_FILE } : {}),
  });
  const existing = sandbox.store.getCompany(env.QBO_SANDBOX_REALM_ID);
  const company = existing
    ? { ...existing, counts: sandbox.admin.counts(existing.realmId) }
    : sandbox.admin.createCompany({ realmId: env.QBO_SANDBOX_REALM_ID, companyName: 'Sandbox Demo Company', seed: env.QBO_SANDBOX_SEED, size: env.QBO_SANDBOX_SIZE });
  if (env.QBO_SANDBOX_WEBHOOK_URL) {
    sandbox.webhooks.configureEndpoint({
      appId: sandbox.oauth.settings.clients[0]?.clientId ?? 'demo-app',
      url: env.QBO_SANDBOX_WEBHOOK_URL,
      verifierToken: env.QBO_SANDBOX_WEBHOOK_VERIFIER,
      format: env.QBO_SANDBOX_WEBHOOK_FORMAT,
    });
  }
  const url = await sandbox.listen(env.QBO_SANDBOX_PORT, env.QBO_SANDBOX_HOST);
  const client = sandbox.oauth.settings.clients[0];
  const printSecrets = env.QBO_SANDBOX_PRINT_SECRETS === 'on';
  const hidden = '(hidden; QBO_SANDBOX_PRINT_SECRETS=on prints it, GET /_sandbox/oauth/clients returns the app)';
  const lines = [
    `QBO sandbox listening on ${url}`,
    `  Accounting API base : ${url}/v3/company/${company.realmId}/   (realmId ${company.realmId}, "${company.companyName}")`,
    `  OAuth authorize     : ${url}${sandbox.oauth.paths.authorize}`,
    `  OAuth token         : ${url}${sandbox.oauth.paths.token}`,
    `  Admin API           : ${url}/_sandbox/companies`,
    `  client_id           : ${client?.clientId ?? '(none)'}`,
    `  client_secret       : ${printSecrets ? (client?.clientSecret ?? '(none)') : hidden}`,
    `  webhook verifier    : ${printSecrets ? env.QBO_SANDBOX_WEBHOOK_VERIFIER : '(hidden; QBO_SANDBOX_PRINT_SECRETS=on prints it)'}   (endpoint: ${env.QBO_SANDBOX_WEBHOOK_URL ?? 'none; set QBO_SANDBOX_WEBHOOK_URL or PUT /_sandbox/webhooks/endpoints/:appId'})`,
  ];
  if (printSecrets) {
    // A ready grant for curl: issued only when it is printed.
    const tokens = sandbox.oauth.issueTokens({ realmId: company.realmId });
    lines.push(`  demo access token   : ${tokens.response.access_token}   (expires in ${tokens.response.expires_in} s)`, `  demo refresh token  : ${tokens.response.refresh_token}`);
    if (env.QBO_SANDBOX_STATIC_TOKEN) lines.push(`  static token        : ${env.QBO_SANDBOX_STATIC_TOKEN} (every realm)`);
  } else if (env.QBO_SANDBOX_STATIC_TOKEN) {
    lines.push('  static token        : (hidden; set by QBO_SANDBOX_STATIC_TOKEN)');
  }
  const counts = Object.entries(company.counts).filter(([, c]) => c.total > 0).map(([e, c]) => `${e} ${c.total}`).join(', ');
  lines.push(`  ${existing ? 'restored' : 'seeded  '}            : ${counts}`);
  if (env.QBO_SANDBOX_SNAPSHOT_FILE) {
    const state = sandbox.restoredFromSnapshot ? `restored ${sandbox.store.listCompanies().length} companies from it` : 'no file yet';
    lines.push(`  snapshot file       : ${env.QBO_SANDBOX_SNAPSHOT_FILE} (${state}; written on SIGINT/SIGTERM and POST /_sandbox/snapshot)`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    let code = 0;
    if (env.QBO_SANDBOX_SNAPSHOT_FILE) {
      try {
        const info = sandbox.snapshot();
        process.stdout.write(`snapshot written to ${info.file} (${info.companies} companies, ${info.bytes} bytes)\n`);
      } catch (err) {
        process.stderr.write(`snapshot failed: ${(err as Error).message}\n`);
        code = 1;
      }
    }
    void sandbox.close().then(() => process.exit(code));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`qbo-sandbox failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
