import { LedgerbusError } from '@ledgerbus/kit';

/**
 * A consumed message that cannot be decoded, fails its contract, or whose key names
 * another tenant than its data (`key_mismatch`): never retried, dead-lettered at once.
 */
export class PoisonMessageError extends LedgerbusError {
  constructor(code: 'undecodable_message' | 'contract_violation' | 'unknown_topic' | 'key_mismatch', message: string, details?: unknown, cause?: unknown) {
    super(code, message, { retriable: false, details, cause, statusCode: 400 });
  }
}

/**
 * The subscription stopped while a message was still being retried: the message is
 * neither committed nor dead-lettered, so the next owner of its partition gets it again.
 */
export class ConsumerStoppingError extends LedgerbusError {
  constructor(cause?: unknown) {
    super('consumer_stopping', 'the subscription stopped before the message was handled', { retriable: true, cause });
  }
}

/** The bus was closed: nothing more can be published or subscribed. */
export class BusClosedError extends LedgerbusError {
  constructor() {
    super('bus_closed', 'the message bus is closed', { retriable: false });
  }
}
