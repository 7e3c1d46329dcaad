import { platformPayments } from '@ledgerbus/contracts';
import type { PushEngine, PushServiceDeps } from '@ledgerbus/push';
import { createPushService, createSpecPusher } from '@ledgerbus/push';
import { paymentSpec } from './spec/payment.spec';

/** The payment-push service: the push engine around the payment spec; never listens or reads the environment (main.ts does). */
export function createPaymentPushService(deps: PushServiceDeps): PushEngine {
  return createPushService({ service: 'payment-push', pusher: createSpecPusher(paymentSpec), sourceTopic: platformPayments, recordIdField: 'paymentId' }, deps);
}
