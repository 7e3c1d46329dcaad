/**
 * Writes services/mapping/openapi.json (OpenAPI 3.1 generated from the routes' zod
 * schemas); with --check, fails when the committed file differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryBus } from '@ledgerbus/bus';
import { createDatabase } from '@ledgerbus/db';
import { createLogger, getOpenApiDocument } from '@ledgerbus/kit';
import { createMappingService } from '../app';

async function main(): Promise<void> {
  const target = join(__dirname, '..', '..', 'openapi.json');
  const db = await createDatabase({ pglite: {} }, { schema: 'mapping' });
  const bus = createMemoryBus();
  const service = await createMappingService({ db, bus, logger: createLogger({ name: 'openapi', level: 'silent' }), jwt: { secret: 'x'.repeat(32) } });
  const generated = `${JSON.stringify(await getOpenApiDocument(service.http), null, 2)}\n`;
  await service.http.close();
  await bus.close();
  await db.destroy();

  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (committed !== generated) {
      console.error('services/mapping/openapi.json is stale: run `npm run openapi` and commit the result.');
      process.exit(1);
    }
    console.log('services/mapping/openapi.json is current.');
    return;
  }
  writeFileSync(target, generated);
  console.log(`wrote ${target}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
