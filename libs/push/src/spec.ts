import type { EffectiveSettings } from '@ledgerbus/contracts';
import type { QboEntity } from '@ledgerbus/qbo';
import type { DependencyEntity } from './dependencies';
import type { PushContext, PushOutcome, Pusher } from './types';

/** What a spec may use while it builds a body or looks a record up: no database, the company's QBO client and item cache. */
export type SpecContext = Omit<PushContext, 'links'>;

/** The QBO ids of a record's dependencies, by entity and platform id (all linked when `body` is called). */
export interface Linked {
  /** The QBO id of a linked dependency. */
  id(entity: DependencyEntity, platformId: string): string;
  /** Every linked QBO id of one dependency entity, by platform id. */
  of(entity: DependencyEntity): ReadonlyMap<string, string>;
}

/** A QBO object as a look-up finds it. */
export type FoundEntity = QboEntity & Record<string, unknown>;

/** What `body` makes of a record: the QBO body, and the number QBO shows for it (DocNumber, PaymentRefNum), if any. */
export type Built = { body: Record<string, unknown>; docNumber?: string } | { outcome: PushOutcome };

/**
 * One record type's part of a push, declared: the engine's pipeline (`createSpecPusher`) runs
 * parse → dependencies / wait → filter → in-doubt look-up → adopt / update / create → removes.
 * `R` is the parsed platform record, `K` what finds it in QBO (a DocNumber, a customer and date).
 */
export interface PushSpec<R, K> {
  entity: Pusher['entity'];
  /** The QBO entity ("Invoice"). */
  qboEntity: string;
  /** The record's contract; a payload it refuses fails as `invalid_<entity>`. */
  schema: { parse(payload: unknown): R };
  /** Whether the tenant's settings switch this entity on. */
  enabled(settings: EffectiveSettings): boolean;
  /** The records it needs in QBO first, checked in this order (each entity's rule is in `dependencies.ts`). */
  dependencies: ReadonlyArray<{ entity: DependencyEntity; ids(record: R): string[] }>;
  /** A filter the admin chose (`skipped`) or a record QBO would change (`failed`): checked before the dependencies. */
  filter(settings: EffectiveSettings, record: R): PushOutcome | undefined;
  /** The QBO body of the record (create, and the sparse patch of an update) carrying `marker` in its PrivateNote, or why there is none. */
  body(ctx: SpecContext, record: R, input: { linked: Linked; marker: string }): Promise<Built>;
  /** What finds the record in QBO (its marker is checked besides), or undefined when nothing can. */
  findKey(settings: EffectiveSettings, record: R, linked: Linked): K | undefined;
  /** Look records up in QBO by their keys, coalescing reads; only objects carrying the record's marker count. */
  find(ctx: SpecContext, wanted: ReadonlyArray<{ recordId: string; key: K }>): Promise<Map<string, FoundEntity>>;
}
