/** Typed errors of the webhooks service (codes are stable; details never carry secrets or bodies). */
import { ConflictError, LedgerbusError, NotFoundError, ValidationError } from '@ledgerbus/kit';

export class EndpointNotFoundError extends NotFoundError {
  constructor(endpointId: string) {
    super(`webhook endpoint ${endpointId} not found`, { endpointId });
  }
}

export class DeliveryNotFoundError extends NotFoundError {
  constructor(deliveryId: string) {
    super(`delivery ${deliveryId} not found`, { deliveryId });
  }
}

/** One field of a body refused by a rule the schema cannot state (the URL policy, known event types). */
export function fieldError(path: string, reason: string): ValidationError {
  return new ValidationError(`invalid body.${path}`, { fields: [{ in: 'body', path, reason }] });
}

export class TooManyEndpointsError extends ConflictError {
  constructor(limit: number) {
    super('too_many_endpoints', `a tenant has at most ${limit} webhook endpoints; delete one first`, { limit });
  }
}

export class EndpointDisabledError extends ConflictError {
  constructor(endpointId: string) {
    super('endpoint_disabled', `webhook endpoint ${endpointId} is disabled: enable it (PATCH enabled: true) before replaying`, { endpointId });
  }
}

export class ReplayTooLargeError extends LedgerbusError {
  constructor(limit: number) {
    super('replay_too_large', `the range holds more than the ${limit} events one replay may send: narrow from/to`, {
      statusCode: 422,
      details: { limit, fields: [{ in: 'body', path: 'to', reason: `at most ${limit} events per replay` }] },
    });
  }
}
