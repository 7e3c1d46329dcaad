/**
 * The ingest service's domain metrics on its `/metrics`. Labels never carry a tenant: `entity`
 * and `outcome` have three and two values.
 */
import type { Registry } from 'prom-client';
import { Counter, Histogram } from 'prom-client';

export interface IngestMetrics {
  records(entity: string, outcome: 'accepted' | 'rejected', count: number): void;
  /** Seconds from handing the records to the publisher to Kafka's acknowledgement. */
  publishSeconds(entity: string, seconds: number): void;
  idempotentReplay(): void;
}

export function registerIngestMetrics(registry: Registry): IngestMetrics {
  const records = new Counter({
    name: 'ledgerbus_ingest_records_total',
    help: 'Platform records taken over HTTP, by entity and outcome (accepted: durable on the topic; rejected: named in the answer)',
    labelNames: ['entity', 'outcome'] as const,
    registers: [registry],
  });
  const publish = new Histogram({
    name: 'ledgerbus_ingest_publish_seconds',
    help: "Time from a request's records handed to the publisher to the topic's acknowledgement, by entity",
    labelNames: ['entity'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const replays = new Counter({ name: 'ledgerbus_ingest_idempotent_replays_total', help: 'Answers replayed for a repeated Idempotency-Key', registers: [registry] });
  return {
    records: (entity, outcome, count) => {
      if (count > 0) records.inc({ entity, outcome }, count);
    },
    publishSeconds: (entity, seconds) => publish.observe({ entity }, seconds),
    idempotentReplay: () => replays.inc(),
  };
}
