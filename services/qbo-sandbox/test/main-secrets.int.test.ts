import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './support/harness';

const root = path.resolve(__dirname, '../../..');
const VERIFIER = 'verifier-printed-or-not-0123456789';
const STATIC = 'static-token-printed-or-not-0123456789';

interface Child {
  process: ChildProcessWithoutNullStreams;
  output: () => string;
}

function startMain(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'services/qbo-sandbox/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.check.json'),
      QBO_SANDBOX_PORT: '0',
      QBO_SANDBOX_SIZE: 'empty',
      QBO_SANDBOX_WEBHOOK_VERIFIER: VERIFIER,
      QBO_SANDBOX_STATIC_TOKEN: STATIC,
      ...env,
    },
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { process: child, output: () => text };
}

describe('npm run sandbox: what it prints at start', () => {
  const children: Child[] = [];
  afterAll(() => {
    for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL');
  });

  const started = async (env: Record<string, string>): Promise<string> => {
    const child = startMain(env);
    children.push(child);
    await waitFor(() => child.output().includes('seeded') || child.output().includes('restored'), 60_000, 50);
    child.process.kill('SIGTERM');
    return child.output();
  };

  it('prints the demo credentials by default (the demo and `npm run sandbox`)', async () => {
    const out = await started({});
    expect(out).toContain(VERIFIER);
    expect(out).toContain(STATIC);
    expect(out).toMatch(/demo access token\s+: \S{20,}/);
    expect(out).toMatch(/client_secret\s+: \S{20,}/);
  });

  it('prints no secret with QBO_SANDBOX_PRINT_SECRETS=off (distributed mode), only where to find them', async () => {
    const out = await started({ QBO_SANDBOX_PRINT_SECRETS: 'off' });
    expect(out).toContain('listening on');
    expect(out).not.toContain(VERIFIER);
    expect(out).not.toContain(STATIC);
    expect(out).not.toContain('demo access token');
    expect(out).not.toContain('demo refresh token');
    expect(out).toMatch(/client_secret\s+: \(hidden/);
    expect(out).toContain('QBO_SANDBOX_PRINT_SECRETS=on');
  });
});
