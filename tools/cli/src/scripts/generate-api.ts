/**
 * Generates the CLI's API types from the committed OpenAPI documents of the services it calls that
 * @ledgerbus/client does not cover (the connector's connection state, the mapping service's sync log,
 * dead letters and integration), as the client does for its own:
 *   npm run generate:api -w @ledgerbus/cli            # writes src/generated/<name>.ts
 *   npm run generate:api:check -w @ledgerbus/cli      # exits 1 when a file is out of date
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const CLI_APIS = ['connector', 'mapping'] as const;

const cliRoot = resolve(__dirname, '..', '..');
const servicesRoot = resolve(cliRoot, '..', '..', 'services');

async function generate(name: string): Promise<string> {
  // openapi-typescript ships ES modules only.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const document = JSON.parse(await readFile(join(servicesRoot, name, 'openapi.json'), 'utf8')) as Record<string, unknown>;
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], { alphabetize: false, exportType: false });
  return `/**\n * Generated from services/${name}/openapi.json by \`npm run generate:api -w @ledgerbus/cli\`. Do not edit.\n */\n${astToString(ast)}`;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const name of CLI_APIS) {
    const source = await generate(name);
    const path = join(cliRoot, 'src', 'generated', `${name}.ts`);
    const current = await readFile(path, 'utf8').catch(() => '');
    if (current === source) continue;
    if (check) {
      stale += 1;
      process.stderr.write(`${path} is out of date with services/${name}/openapi.json: run npm run generate:api -w @ledgerbus/cli\n`);
    } else {
      await writeFile(path, source);
      process.stdout.write(`wrote ${path}\n`);
    }
  }
  if (stale > 0) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
