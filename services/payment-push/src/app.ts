import { platformPayments } from '@ledgerbus/contracts';
import type { PushEngine, PushServiceDeps } from '@ledgerbus/push';
import { createPushService } from '@ledgerbus/push';
import { createPaymentPusher } from './handlers/payment-pusher';

/** The payment-push service: never listens or reads the environment (main.ts does). */
export function createPaymentPushService(deps: PushServiceDeps): PushEngine {
  return createPushService({ service: 'payment-push', pusher: createPaymentPusher(), sourceTopic: platformPayments, recordIdField: 'paymentId' }, deps);
}
