/**
 * Validates docs/asyncapi.yaml with the AsyncAPI parser (@asyncapi/parser: the AsyncAPI JSON
 * schema plus its Spectral rules). Prints every diagnostic; exits 1 when any is an error.
 * Run by `npm run spec:lint` (CI).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { repoRoot } from './generated-file';

const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

async function main(): Promise<void> {
  const file = join(repoRoot, 'docs', 'asyncapi.yaml');
  const name = relative(repoRoot, file);
  const diagnostics = await new Parser().validate(readFileSync(file, 'utf8'), { source: file });
  const counts = { error: 0, warning: 0, info: 0, hint: 0 } as Record<string, number>;
  for (const d of diagnostics) {
    const severity = SEVERITY[d.severity] ?? 'error';
    counts[severity] = (counts[severity] ?? 0) + 1;
    const line = d.range.start.line + 1;
    console.log(`${name}:${line} ${severity} ${d.code}: ${d.message}${d.path.length > 0 ? ` (at ${d.path.join('.')})` : ''}`);
  }
  console.log(`${name}: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} infos, ${counts.hint} hints (@asyncapi/parser)`);
  if ((counts.error ?? 0) > 0) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
