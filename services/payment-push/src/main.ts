/** Composition root of payment-push: the only file that reads the environment. */
import { runPushWorker } from '@ledgerbus/push';
import { createPaymentPushService } from './app';

runPushWorker({ name: 'payment-push', envPrefix: 'PAYMENT_PUSH', env: process.env, createService: createPaymentPushService }).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
