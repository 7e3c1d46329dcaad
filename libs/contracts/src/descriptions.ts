import { z } from 'zod';

/**
 * A schema as the generated documents show it (AsyncAPI payloads, OpenAPI bodies): JSON Schema
 * draft-7 of the input side, the same options the AsyncAPI generator uses.
 */
export function toDocumentedJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasDescription(schema: Json): boolean {
  return typeof schema.description === 'string' && schema.description.trim().length > 0;
}

/**
 * The JSON pointers-like paths ("customer.billingAddress.city", "lines[].quantity") of every
 * object property in `schema` that carries no description of its own. A property counts as
 * described when its own schema has a non-empty `description`; the schemas it contains are
 * walked too (nested objects, array items, anyOf/oneOf/allOf branches, record values).
 * `$ref`s are followed within `root` (OpenAPI components, `$defs`).
 */
export function undescribedFields(schema: unknown, root: unknown = schema, path = '', seen = new Set<unknown>()): string[] {
  if (!isObject(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const missing: string[] = [];
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, part) => (isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
    missing.push(...undescribedFields(target, root, path, seen));
  }
  if (isObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      const at = path === '' ? name : `${path}.${name}`;
      if (!isObject(property) || !hasDescription(property)) missing.push(at);
      missing.push(...undescribedFields(property, root, at, seen));
    }
  }
  if (isObject(schema.items)) missing.push(...undescribedFields(schema.items, root, `${path}[]`, seen));
  if (Array.isArray(schema.items)) schema.items.forEach((item, i) => missing.push(...undescribedFields(item, root, `${path}[${i}]`, seen)));
  if (Array.isArray(schema.prefixItems)) schema.prefixItems.forEach((item, i) => missing.push(...undescribedFields(item, root, `${path}[${i}]`, seen)));
  if (isObject(schema.additionalProperties)) missing.push(...undescribedFields(schema.additionalProperties, root, `${path}{}`, seen));
  for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[combinator];
    if (Array.isArray(branches)) for (const branch of branches) missing.push(...undescribedFields(branch, root, path, seen));
  }
  return [...new Set(missing)];
}
