import { randomBytes } from 'node:crypto';

let counter = 0;

/**
 * A name no other test (in this or another process) uses: for topics, consumer groups,
 * database schemas. Lowercase letters, digits and `_`; starts with the prefix.
 */
export function uniqueName(prefix: string): string {
  counter += 1;
  const clean = prefix.toLowerCase().replace(/[^a-z0-9_.]/g, '_');
  return `${clean}_${Date.now().toString(36)}_${process.pid.toString(36)}_${counter}_${randomBytes(3).toString('hex')}`;
}
