/** Kafka brokers for tests: KAFKA_BROKERS (comma-separated) or the local broker. */
export function kafkaBrokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const value = env.KAFKA_BROKERS?.trim();
  if (!value) return ['127.0.0.1:9092'];
  return value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

/** PostgreSQL for tests: DATABASE_URL or the local server's `test` database. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
}
