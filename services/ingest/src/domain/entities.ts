/**
 * The three kinds of platform record the HTTP door takes, each described once: its topic, the
 * field that names it, and the event type (with the topic's own zod contract) of every
 * operation. Routes, validation, version assignment and the status view all read this table.
 */
import { platformCustomers, platformInvoices, platformPayments } from '@ledgerbus/contracts';
import type { TopicDefinition } from '@ledgerbus/contracts';
import type { z } from 'zod';

export const ENTITY_NAMES = ['customers', 'invoices', 'payments'] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** What a request does to a record: the topics' event types, by operation. */
export type Operation = 'upsert' | 'void' | 'delete';

export interface EntitySpec {
  name: EntityName;
  /** The singular, as in event types ("invoice"). */
  singular: string;
  /** The registry's topic (its event schemas are the contracts). */
  topic: TopicDefinition;
  /** The record's id field in the contract ("invoiceId"). */
  idField: string;
  /** Event type of each operation the topic carries. */
  operations: Partial<Record<Operation, string>>;
}

export const ENTITIES: Record<EntityName, EntitySpec> = {
  customers: {
    name: 'customers',
    singular: 'customer',
    topic: platformCustomers,
    idField: 'customerId',
    operations: { upsert: 'customer.upserted', delete: 'customer.deleted' },
  },
  invoices: {
    name: 'invoices',
    singular: 'invoice',
    topic: platformInvoices,
    idField: 'invoiceId',
    operations: { upsert: 'invoice.upserted', void: 'invoice.voided', delete: 'invoice.deleted' },
  },
  payments: {
    name: 'payments',
    singular: 'payment',
    topic: platformPayments,
    idField: 'paymentId',
    operations: { upsert: 'payment.recorded', void: 'payment.voided', delete: 'payment.deleted' },
  },
};

/** The contract of an operation's event data, straight from the topic definition. */
export function contractOf(spec: EntitySpec, operation: Operation): { type: string; schema: z.ZodType } {
  const type = spec.operations[operation];
  const schema = type === undefined ? undefined : spec.topic.events[type];
  if (type === undefined || schema === undefined) throw new TypeError(`${spec.name} has no ${operation} operation`);
  return { type, schema };
}

/** The operation an event type of a platform topic stands for. */
export function operationOf(spec: EntitySpec, eventType: string): Operation | undefined {
  return (Object.entries(spec.operations) as Array<[Operation, string]>).find(([, type]) => type === eventType)?.[0];
}

/** The entity whose outcomes a `sync.events.v1` type prefix names ("invoice.pushed" → invoices). */
export function entityOfOutcome(eventType: string): EntityName | undefined {
  const prefix = eventType.split('.')[0];
  return ENTITY_NAMES.find((name) => ENTITIES[name].singular === prefix);
}
