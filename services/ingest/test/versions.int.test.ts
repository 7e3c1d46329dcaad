/**
 * Version allocation on real PostgreSQL: the one-statement allocation gives every request the
 * versions the sequential rule gives (client versions kept unless below the accepted one, missing
 * ones the highest so far plus one), and concurrent writers never get the same version twice.
 */
import fc from 'fast-check';
import { createDatabase, migrate } from '@ledgerbus/db';
import type { Database } from '@ledgerbus/db';
import { databaseUrlFromEnv, uniqueName } from '@ledgerbus/testing';
import { ingestMigrations } from '../src/db/migrations';
import type { VersionAnswer } from '../src/db/records.repository';
import { assignInOrder, createRecordVersions, recordsRepository } from '../src/db/records.repository';

describe('record versions on PostgreSQL', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createDatabase({ url: databaseUrlFromEnv() }, { schema: uniqueName('ingest_versions').slice(0, 60), pool: { max: 8 } });
    await migrate(db.knex, { schema: db.schema, migrations: ingestMigrations });
  });
  afterAll(async () => {
    await db.knex.raw('drop schema if exists ?? cascade', [db.schema]);
    await db.destroy();
  });

  it('gives the answers of the sequential rule, whatever the mix of client and missing versions', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        // Requests of a few records, each version given (0..30) or left out; some of them accepted afterwards.
        fc.array(fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), version: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }) }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        async (requests, acceptEach) => {
          const tenantId = `t${++run}`;
          const model = new Map<string, { assigned: number; accepted: number | null }>();
          for (const [n, request] of requests.entries()) {
            const [answers] = await recordsRepository.allocate(db.knex, [{ tenantId, entity: 'invoices', requests: request.map((r) => ({ platformId: r.id, clientVersion: r.version })) }]);
            // The model: each record's requests of this call in order.
            const expected: VersionAnswer[] = [];
            const perRecord = new Map<string, Array<number | undefined>>();
            for (const r of request) perRecord.set(r.id, [...(perRecord.get(r.id) ?? []), r.version]);
            const byRecord = new Map<string, VersionAnswer[]>();
            for (const [id, versions] of perRecord) {
              const state = model.get(id) ?? { assigned: 0, accepted: null };
              const { answers: a, assigned } = assignInOrder(state, versions);
              model.set(id, { ...state, assigned });
              byRecord.set(id, a);
            }
            for (const r of request) expected.push(byRecord.get(r.id)!.shift()!);
            expect(answers).toEqual(expected);
            if (acceptEach[n]) {
              const accepted = request.flatMap((r, i) => {
                const answer = answers![i]!;
                return 'version' in answer ? [{ platformId: r.id, version: answer.version, eventType: 'invoice.upserted', divisionId: undefined }] : [];
              });
              await recordsRepository.markAccepted(db.knex, [{ tenantId, entity: 'invoices', accepted, at: new Date() }]);
              for (const a of accepted) {
                const s = model.get(a.platformId)!;
                s.accepted = Math.max(s.accepted ?? -1, a.version);
              }
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('never hands out a version twice to concurrent writers, grouped or not', async () => {
    const grouped = createRecordVersions(db.knex);
    const one = { tenantId: 'race', entity: 'invoices' as const, requests: [{ platformId: 'x', clientVersion: undefined }] };
    const answers = await Promise.all([
      ...Array.from({ length: 40 }, () => grouped.allocate(one)),
      // Separate statements racing for the same (new, then existing) row, as two replicas would.
      ...Array.from({ length: 20 }, () => recordsRepository.allocate(db.knex, [one]).then((a) => a[0]!)),
    ]);
    const versions = answers.map((a) => (a[0] as { version: number }).version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('refuses a client version below the accepted one and keeps the highest accepted', async () => {
    const [first] = await recordsRepository.allocate(db.knex, [{ tenantId: 's', entity: 'payments', requests: [{ platformId: 'p', clientVersion: 9 }] }]);
    expect(first).toEqual([{ version: 9 }]);
    await recordsRepository.markAccepted(db.knex, [{ tenantId: 's', entity: 'payments', accepted: [{ platformId: 'p', version: 9, eventType: 'payment.recorded', divisionId: undefined }], at: new Date() }]);
    await recordsRepository.markAccepted(db.knex, [{ tenantId: 's', entity: 'payments', accepted: [{ platformId: 'p', version: 4, eventType: 'payment.voided', divisionId: undefined }], at: new Date() }]);
    const [second] = await recordsRepository.allocate(db.knex, [{ tenantId: 's', entity: 'payments', requests: [{ platformId: 'p', clientVersion: 8 }, { platformId: 'p', clientVersion: undefined }] }]);
    expect(second).toEqual([{ superseded: 9 }, { version: 10 }]);
    expect(await recordsRepository.find(db.knex, 's', 'payments', 'p')).toMatchObject({ acceptedVersion: 9, acceptedType: 'payment.recorded' });
  });
});
