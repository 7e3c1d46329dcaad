/**
 * Generated artifacts are committed and CI fails when they drift: a generator writes its
 * file, or with `--check` compares it with the committed one instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const checking = process.argv.includes('--check');

export const repoRoot = join(__dirname, '..');

/**
 * Writes `generated` to `target`, or with `--check` reports whether the committed file
 * equals it (a missing file counts as stale). Returns false when stale.
 */
export function writeOrCheck(target: string, generated: string, command: string): boolean {
  const name = relative(repoRoot, target);
  if (!checking) {
    writeFileSync(target, generated);
    console.log(`wrote ${name}`);
    return true;
  }
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (committed !== generated) {
    console.error(`${name} is stale: run \`${command}\` and commit the result.`);
    return false;
  }
  console.log(`${name} is current.`);
  return true;
}
