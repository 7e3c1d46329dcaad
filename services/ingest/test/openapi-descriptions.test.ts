import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { undescribedFields } from '@ledgerbus/contracts';

/**
 * The integrators read this service's committed OpenAPI document (`npm run openapi` writes it,
 * `npm run openapi:check` keeps it current): every field of every body it takes or answers
 * with carries a description, and every operation has an operationId.
 */
const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string; requestBody?: { content?: Record<string, { schema: unknown }> }; responses?: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
};
const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })));

describe('the ingest OpenAPI document', () => {
  it('describes every field of every request and response body', () => {
    const missing = operations.flatMap(({ name, operation }) => [
      ...Object.values(operation.requestBody?.content ?? {}).flatMap((c) => undescribedFields(c.schema, document).map((f) => `${name} request: ${f}`)),
      ...Object.entries(operation.responses ?? {}).flatMap(([status, response]) =>
        Object.values(response.content ?? {}).flatMap((c) => undescribedFields(c.schema, document).map((f) => `${name} ${status}: ${f}`)),
      ),
    ]);
    expect(missing).toEqual([]);
  });

  it('gives every operation an operationId', () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter(({ operation }) => !operation.operationId).map(({ name }) => name)).toEqual([]);
  });
});
