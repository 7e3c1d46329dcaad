import { z } from 'zod';
import { buildAsyncApiDocument, toDocumentedJsonSchema, topicRegistry, undescribedFields } from '@ledgerbus/contracts';

/** Every topic's events, as `topic / event type` → data schema. */
const events = topicRegistry.flatMap((topic) => Object.entries(topic.events).map(([type, schema]) => ({ name: `${topic.name} / ${type}`, schema })));

describe('descriptions of the contracts', () => {
  it('describe every field of every event of every topic (platform.*, sync.events.v1 and the rest)', () => {
    const missing = events.flatMap(({ name, schema }) => undescribedFields(toDocumentedJsonSchema(schema)).map((field) => `${name}: ${field}`));
    expect(missing).toEqual([]);
  });

  it('describe every event type (the AsyncAPI message summary)', () => {
    const missing = events.filter(({ schema }) => !schema.description?.trim()).map(({ name }) => name);
    expect(missing).toEqual([]);
  });

  it('reach the generated AsyncAPI document: every payload field and every header is described there', () => {
    const document = buildAsyncApiDocument('0.0.0') as { components: { messages: Record<string, { payload: unknown; headers: unknown; summary: string }> } };
    const missing = Object.entries(document.components.messages).flatMap(([id, message]) => [
      ...undescribedFields(message.payload).map((field) => `${id} payload: ${field}`),
      ...undescribedFields(message.headers).map((field) => `${id} headers: ${field}`),
    ]);
    expect(missing).toEqual([]);
    expect(Object.keys(document.components.messages).length).toBe(events.length);
  });
});

describe('undescribedFields', () => {
  it('names every field of a schema that has no descriptions, nested objects, arrays, records and nullables included', () => {
    const bare = z.object({
      id: z.string(),
      amount: z.string().optional(),
      address: z.object({ city: z.string() }).optional(),
      lines: z.array(z.object({ quantity: z.number() })),
      counts: z.record(z.string(), z.object({ total: z.number() })),
      note: z.string().nullable(),
      active: z.boolean().default(true),
    });
    expect(undescribedFields(toDocumentedJsonSchema(bare))).toEqual([
      'id',
      'amount',
      'address',
      'address.city',
      'lines',
      'lines[].quantity',
      'counts',
      'counts{}.total',
      'note',
      'active',
    ]);
  });

  it('accepts a field described before or after optional(), nullable() and default(), and finds the one left bare', () => {
    const described = z.object({
      a: z.string().describe('a').optional(),
      b: z.string().optional().describe('b'),
      c: z.string().nullable().describe('c'),
      d: z.boolean().default(false).describe('d'),
      e: z.object({ inner: z.string().describe('inner'), bare: z.string() }).describe('e'),
    });
    expect(undescribedFields(toDocumentedJsonSchema(described))).toEqual(['e.bare']);
  });

  it('follows $ref into components, as OpenAPI documents use them', () => {
    const document = {
      paths: {},
      components: { schemas: { Line: { type: 'object', properties: { quantity: { type: 'number' }, price: { type: 'string', description: 'unit price' } } } } },
    };
    const body = { type: 'object', properties: { lines: { type: 'array', description: 'lines', items: { $ref: '#/components/schemas/Line' } } } };
    expect(undescribedFields(body, document)).toEqual(['lines[].quantity']);
  });
});
