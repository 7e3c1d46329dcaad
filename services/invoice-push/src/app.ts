import { platformInvoices } from '@ledgerbus/contracts';
import type { PushEngine, PushServiceDeps } from '@ledgerbus/push';
import { createPushService } from '@ledgerbus/push';
import { createInvoicePusher } from './handlers/invoice-pusher';

/** The invoice-push service: never listens or reads the environment (main.ts does). */
export function createInvoicePushService(deps: PushServiceDeps): PushEngine {
  return createPushService({ service: 'invoice-push', pusher: createInvoicePusher(), sourceTopic: platformInvoices, recordIdField: 'invoiceId' }, deps);
}
