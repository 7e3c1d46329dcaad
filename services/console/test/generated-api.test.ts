import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

describe('the console API types', () => {
  // openapi-typescript ships ES modules only, which jest's module system cannot load: the check runs in its own process.
  test('web/src/api/*.ts are what the committed OpenAPI documents generate (else: npm run generate:api -w @ledgerbus/console)', () => {
    const run = spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'services', 'console', 'src', 'scripts', 'generate-api.ts'), '--check'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
