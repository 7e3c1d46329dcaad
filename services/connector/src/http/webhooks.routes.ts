/**
 * `POST /v1/webhooks/intuit`: the signature is checked over the raw bytes (the body is
 * never re-serialized), both payload formats are accepted, and the notifications are on
 * Kafka (acks=all) before the 200. Kafka unavailable → 503 so Intuit retries; a bad
 * signature → 401 and nothing published.
 */
import type { OutgoingMessage } from '@ledgerbus/bus';
import { createEvent } from '@ledgerbus/contracts';
import type { EventData, qboNotifications } from '@ledgerbus/contracts';
import { errorResponseSchema } from '@ledgerbus/kit';
import type { HttpServer } from '@ledgerbus/kit';
import { z } from 'zod';
import type { ConnectorContext } from '../context';
import { SOURCE } from '../context';
import { WebhookPayloadError } from '../domain/errors';
import { parseWebhookPayload, verifyWebhookSignature } from '../domain/webhook';
import type { ChangeNotification } from '../domain/webhook';
import type { IntakePublisher } from '../intake/intake-publisher';

type Notified = EventData<typeof qboNotifications, 'qbo.changes_notified'>;

export function registerWebhookRoutes(app: HttpServer, ctx: ConnectorContext, intake: IntakePublisher): void {
  void app.register(async (scope) => {
    // Raw bytes for every content type in this scope only.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post(
      '/v1/webhooks/intuit',
      {
        schema: {
          operationId: 'receiveIntuitWebhook',
          // Intuit sends no bearer token: the intuit-signature HMAC of the body authenticates it.
          security: [],
          tags: ['webhooks'],
          summary:
            "Intuit's webhook endpoint (legacy eventNotifications, a CloudEvents array, or one CloudEvent with application/cloudevents+json), signed with intuit-signature",
          response: { 200: z.object({ received: z.number().int() }), 400: errorResponseSchema, 401: errorResponseSchema, 503: errorResponseSchema },
        },
      },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const signature = request.headers['intuit-signature'];
        verifyWebhookSignature(ctx.settings.webhookVerifierTokens, raw, Array.isArray(signature) ? signature[0] : signature);
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new WebhookPayloadError('the webhook body is not JSON');
        }
        const now = ctx.clock();
        const { format, notifications } = parseWebhookPayload(json, now, request.headers['content-type']);
        const byRealm = new Map<string, ChangeNotification[]>();
        for (const n of notifications) byRealm.set(n.realmId, [...(byRealm.get(n.realmId) ?? []), n]);
        const messages: OutgoingMessage[] = [...byRealm].map(([realmId, list]) => {
          const data: Notified = {
            realmId,
            format,
            receivedAt: now.toISOString(),
            notifications: list.map(({ realmId: _realm, ...n }) => n),
          };
          return { key: realmId, event: createEvent({ type: 'qbo.changes_notified', source: SOURCE, subject: realmId, data, time: now }) };
        });
        await intake.publish(messages);
        return { received: notifications.length };
      },
    );
  });
}
