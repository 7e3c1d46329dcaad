import { platformInvoices } from '@ledgerbus/contracts';
import type { PushEngine, PushServiceDeps } from '@ledgerbus/push';
import { createPushService, createSpecPusher } from '@ledgerbus/push';
import { invoiceSpec } from './spec/invoice.spec';

/** The invoice-push service: the push engine around the invoice spec; never listens or reads the environment (main.ts does). */
export function createInvoicePushService(deps: PushServiceDeps): PushEngine {
  return createPushService({ service: 'invoice-push', pusher: createSpecPusher(invoiceSpec), sourceTopic: platformInvoices, recordIdField: 'invoiceId' }, deps);
}
