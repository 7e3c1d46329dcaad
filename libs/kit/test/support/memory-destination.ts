import { Writable } from 'node:stream';

/** A pino destination that keeps every log line in memory. */
export function memoryDestination() {
  const lines: string[] = [];
  let buffer = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        lines.push(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
      done();
    },
  });
  return { stream, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
