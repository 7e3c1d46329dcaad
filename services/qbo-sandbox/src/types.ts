/**
 * The seams between the sandbox's parts: the entity store and clock (accounting API side)
 * and the OAuth server and webhook dispatcher (Intuit platform side). Each part takes
 * the others through these interfaces, so they can be built and tested apart.
 */
import type { FastifyPluginAsync } from 'fastify';

/** The sandbox clock. Time can be scaled (tests run "a minute" in seconds) and moved forward. */
export interface Clock {
  /** Current sandbox time (real time × scale, plus any manual advance). */
  now(): Date;
  /** Move sandbox time forward by `ms` sandbox milliseconds (token-expiry tests). */
  advance(ms: number): void;
  /** How many sandbox milliseconds pass per real millisecond (1 = real time). */
  readonly timeScale: number;
  /** Resolve after `ms` sandbox milliseconds (i.e. ms / timeScale real milliseconds). */
  sleep(ms: number): Promise<void>;
}

export interface CompanySummary {
  realmId: string;
  companyName: string;
  /** E-mail of the sandbox user who owns the company (shown on the consent page). */
  ownerEmail: string;
}

/** Operations as QBO webhooks name them. */
export type ChangeOperation = 'Create' | 'Update' | 'Delete' | 'Merge' | 'Void' | 'Emailed';

/** One change to one entity, emitted by the store after it is committed. */
export interface EntityChange {
  realmId: string;
  /** QBO entity name, e.g. "Customer", "Invoice". */
  entity: string;
  id: string;
  operation: ChangeOperation;
  /** ISO-8601 time of the change (sandbox clock). */
  lastUpdated: string;
  /** For Merge: the id of the entity that was merged away. */
  deletedId?: string;
}

/** What the OAuth server and the webhook dispatcher may ask of the store. */
export interface CompanyDirectory {
  listCompanies(): CompanySummary[];
  getCompany(realmId: string): CompanySummary | undefined;
  /** Subscribe to committed changes; returns the unsubscribe function. */
  onChange(listener: (change: EntityChange) => void): () => void;
}

export interface VerifiedAccessToken {
  realmId: string;
  clientId: string;
  scopes: string[];
}

/** The OAuth server as the accounting API sees it. */
export interface AccessTokenVerifier {
  /** The grant behind a bearer access token, or undefined when it is unknown, expired or revoked. */
  verifyAccessToken(token: string): VerifiedAccessToken | undefined;
}

/** A part that adds routes to the sandbox's fastify instance. */
export interface SandboxPart {
  plugin: FastifyPluginAsync;
  /** Clear all state (admin reset). */
  reset(): void;
  /** Stop timers (webhook retries …). Idempotent. */
  close(): Promise<void>;
}
