/**
 * `sync.events.v1` → a sync run's `sync.phase_requested` for the `inbound` phase is this
 * service's (a CDC catch-up); every other event type and phase is skipped.
 */
import type { IncomingMessage } from '@ledgerbus/bus';
import { currentMessageContext } from '@ledgerbus/bus';
import type { CloudEvent } from '@ledgerbus/contracts';
import type { ConnectorContext } from '../context';
import type { InboundPhaseOptions, PhaseRequested } from '../use-cases/inbound-phase';
import { runInboundPhase } from '../use-cases/inbound-phase';
import type { Poller } from '../use-cases/poller';

/** Heartbeats while a catch-up runs: a big CDC window takes longer than the consumer's session timeout. */
const KEEP_ALIVE_MS = 1_000;

export function phaseRequestedHandler(ctx: ConnectorContext, poller: Poller, options: InboundPhaseOptions) {
  return async (message: IncomingMessage<CloudEvent<unknown>>): Promise<void> => {
    if (message.event.type !== 'sync.phase_requested') return;
    const request = message.event.data as PhaseRequested;
    if (request.phase !== 'inbound') return;
    const heartbeat = currentMessageContext()?.heartbeat;
    const timer =
      heartbeat === undefined
        ? undefined
        : setInterval(() => {
            // A failed heartbeat (a rebalance) is not this handler's to act on: the request is then delivered again and answered again.
            heartbeat().catch((err: unknown) => ctx.logger.debug({ runId: request.runId, err: { message: (err as Error).message } }, 'inbound phase: heartbeat failed'));
          }, KEEP_ALIVE_MS);
    try {
      await runInboundPhase(ctx, poller, request, options, message.key);
    } finally {
      if (timer !== undefined) clearInterval(timer);
    }
  };
}
