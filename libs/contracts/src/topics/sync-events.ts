import { z } from 'zod';
import { divisionId, isoDateTime, realmId, tenantId, tenantKey } from '../common';
import { defineTopic } from '../topic';

const connectionFact = z.object({
  tenantId,
  divisionId: divisionId.optional(),
  realmId,
  companyName: z.string().max(255).optional(),
  at: isoDateTime,
  actor: z.string().max(255).optional(),
  reason: z.string().max(1000).optional(),
});

/**
 * The public stream for integrators: one event for every outcome. Later issues add
 * customer, invoice, payment and metric outcomes.
 */
export const syncEvents = defineTopic({
  name: 'sync.events.v1',
  description: 'Every sync outcome, for platform integrators.',
  keyDescription: 'tenant id',
  key: tenantKey,
  events: {
    'connection.connected': connectionFact,
    'connection.reauthorization_required': connectionFact,
    'connection.disconnected': connectionFact,
  },
  partitions: 12,
  cleanupPolicy: 'delete',
  producers: ['connector', 'mapping', 'customer-sync', 'invoice-push', 'payment-push', 'metrics'],
});
