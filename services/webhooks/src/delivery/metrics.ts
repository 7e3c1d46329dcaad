/** The delivery's Prometheus metrics, on the HTTP server's registry (`/metrics`). */
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

export interface DeliveryMetrics {
  /** Deliveries created by the intake (one per endpoint and event). */
  queued: Counter;
  /** Attempts by outcome: delivered, or the error class (http_4xx, http_5xx, timeout, network, refused_address). */
  attempts: Counter<'outcome'>;
  /** Deliveries that reached an end: delivered or failed (given up). */
  deliveries: Counter<'outcome'>;
  /** Seconds from sending an attempt to its answer (or its failure). */
  attemptDuration: Histogram;
  /** Seconds from the event's time to its delivery. */
  deliveryLag: Histogram;
  /** Endpoints disabled after a run of failures. */
  endpointsDisabled: Counter;
}

export function createDeliveryMetrics(registry: Registry, backlog: () => Promise<{ pending: number; due: number }>): DeliveryMetrics {
  new Gauge({
    name: 'webhooks_backlog',
    help: 'Pending deliveries (all, and those due now), from the database at scrape time',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      try {
        const { pending, due } = await backlog();
        this.set({ state: 'pending' }, pending);
        this.set({ state: 'due' }, due);
      } catch {
        // The database is away: /metrics still answers (the readiness probe reports the database).
      }
    },
  });
  return {
    queued: new Counter({ name: 'webhooks_deliveries_queued_total', help: 'Deliveries queued by the intake (one per endpoint and event)', registers: [registry] }),
    attempts: new Counter({ name: 'webhooks_attempts_total', help: 'Delivery attempts by outcome', labelNames: ['outcome'] as const, registers: [registry] }),
    deliveries: new Counter({ name: 'webhooks_deliveries_total', help: 'Deliveries ended, by outcome (delivered, failed = given up or endpoint disabled)', labelNames: ['outcome'] as const, registers: [registry] }),
    attemptDuration: new Histogram({
      name: 'webhooks_attempt_duration_seconds',
      help: 'Duration of one delivery attempt (request sent to response headers, or the failure)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    deliveryLag: new Histogram({
      name: 'webhooks_delivery_lag_seconds',
      help: "Seconds from the event's time to its successful delivery",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 60, 300, 3600, 86400],
      registers: [registry],
    }),
    endpointsDisabled: new Counter({ name: 'webhooks_endpoints_disabled_total', help: 'Endpoints disabled after a run of failed attempts', registers: [registry] }),
  };
}

/** The metric label of an attempt's outcome (bounded values). */
export function outcomeLabel(error: string | null): string {
  if (error === null) return 'delivered';
  if (/^http_4\d\d$/.test(error)) return 'http_4xx';
  if (/^http_5\d\d$/.test(error)) return 'http_5xx';
  if (/^http_/.test(error)) return 'http_other';
  if (error === 'timeout' || error === 'refused_address') return error;
  return 'network';
}
