#!/usr/bin/env node
// The `ledgerbus` bin (npx ledgerbus, npm run cli --): runs the TypeScript sources through tsx,
// resolving @ledgerbus/* to the workspace sources as every script of the repository does.
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..', '..');
const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'src', 'main.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH || path.join(root, 'tsconfig.check.json') },
});
if (result.error) {
  process.stderr.write(`ledgerbus: ${result.error.message}\n`);
  process.exit(1);
}
process.exit(result.status === null ? 1 : result.status);
