/** Composition root of invoice-push: the only file that reads the environment. */
import { runPushWorker } from '@ledgerbus/push';
import { createInvoicePushService } from './app';

runPushWorker({ name: 'invoice-push', envPrefix: 'INVOICE_PUSH', env: process.env, createService: createInvoicePushService }).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
