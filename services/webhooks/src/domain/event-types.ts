/**
 * An endpoint's event-type filter: exact types of `sync.events.v1` (`invoice.pushed`) or
 * prefixes (`invoice.*`); an empty filter takes every event. Pure: no I/O.
 */

/** Why one filter item is refused, or undefined when it is fine. */
export function eventTypeProblem(item: string, knownTypes: readonly string[]): string | undefined {
  if (item.endsWith('.*')) {
    const prefix = item.slice(0, -1); // keeps the dot: "invoice."
    if (!/^[a-z0-9_]+(\.[a-z0-9_]+)*\.$/.test(prefix)) return 'a prefix is dotted lowercase followed by ".*", e.g. "invoice.*"';
    if (!knownTypes.some((t) => t.startsWith(prefix))) return `no event type starts with "${prefix}"`;
    return undefined;
  }
  if (!knownTypes.includes(item)) return `unknown event type "${item}" (an exact type of sync.events.v1, or a prefix such as "invoice.*")`;
  return undefined;
}

/** True when `type` passes the filter (empty = every type). */
export function matchesEventTypes(filter: readonly string[], type: string): boolean {
  if (filter.length === 0) return true;
  return filter.some((item) => (item.endsWith('.*') ? type.startsWith(item.slice(0, -1)) : item === type));
}
