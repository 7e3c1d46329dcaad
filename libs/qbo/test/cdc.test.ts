import type { CdcPage } from '@ledgerbus/qbo';
import { completeThrough, parseCdcResponse, readCdc } from '@ledgerbus/qbo';

const T0 = Date.parse('2026-01-10T00:00:00Z');

/** A change log served the way QBO serves CDC: per entity, oldest first, at most `cap` per response. */
function changeLog(changes: { entity: string; id: string; syncToken: string; at: number; deleted?: boolean }[], cap = 1000) {
  const calls: number[] = [];
  const fetchPage = (since: number): Promise<CdcPage> => {
    calls.push(since);
    const entities = new Map<string, Record<string, unknown>[]>();
    const sorted = changes.filter((c) => c.at >= since).sort((a, b) => a.at - b.at);
    for (const c of sorted) {
      const list = entities.get(c.entity) ?? [];
      if (list.length >= cap) continue;
      list.push(
        c.deleted
          ? { Id: c.id, status: 'Deleted', MetaData: { LastUpdatedTime: new Date(c.at).toISOString() } }
          : { Id: c.id, SyncToken: c.syncToken, MetaData: { LastUpdatedTime: new Date(c.at).toISOString() } },
      );
      entities.set(c.entity, list);
    }
    return Promise.resolve({ entities, serverTime: T0 + 3600_000 });
  };
  return { fetchPage, calls };
}

describe('CDC window splitting', () => {
  it('reads a window with more than 1000 changes completely by splitting it', async () => {
    const changes = Array.from({ length: 2500 }, (_, i) => ({ entity: 'Customer', id: String(i + 1), syncToken: '0', at: T0 + 1000 + i * 1000 }));
    changes.push(...Array.from({ length: 40 }, (_, i) => ({ entity: 'Invoice', id: String(i + 1), syncToken: '2', at: T0 + 5000 + i * 7000 })));
    const log = changeLog(changes);
    const result = await readCdc(new Date(T0), log.fetchPage, { now: () => T0 + 3600_000 });
    expect(result.changes.filter((c) => c.entity === 'Customer')).toHaveLength(2500);
    expect(result.changes.filter((c) => c.entity === 'Invoice')).toHaveLength(40);
    expect(new Set(result.changes.map((c) => `${c.entity}:${c.id}`)).size).toBe(2540);
    expect(result.reads).toBeGreaterThan(2);
    expect(result.reads).toBe(new Set(log.calls).size);
  });

  it('makes a single read when the response is under the cap', async () => {
    const log = changeLog([{ entity: 'Customer', id: '1', syncToken: '3', at: T0 + 10 }]);
    const result = await readCdc(new Date(T0), log.fetchPage, { now: () => T0 + 60_000 });
    expect(log.calls).toHaveLength(1);
    expect(result.changes).toEqual([expect.objectContaining({ entity: 'Customer', id: '1', syncToken: '3', deleted: false })]);
  });

  it('deduplicates on (entity, id, SyncToken) but keeps distinct versions and deletes', () => {
    const page = parseCdcResponse({
      CDCResponse: [
        {
          QueryResponse: [
            { Customer: [{ Id: '1', SyncToken: '0' }, { Id: '1', SyncToken: '1' }], startPosition: 1, maxResults: 2 },
            { Estimate: [{ status: 'Deleted', Id: '979', MetaData: { LastUpdatedTime: '2015-12-23T12:55:50-08:00' } }] },
          ],
        },
      ],
      time: '2015-12-23T12:56:06.196-08:00',
    });
    expect(page.entities.get('Customer')).toHaveLength(2);
    expect(page.serverTime).toBe(Date.parse('2015-12-23T12:56:06.196-08:00'));
    return readCdc(new Date(page.serverTime! - 1000), () => Promise.resolve(page), { now: () => page.serverTime! }).then((r) => {
      expect(r.changes.map((c) => `${c.entity}:${c.id}:${c.syncToken ?? '-'}:${c.deleted}`).sort()).toEqual([
        'Customer:1:0:false',
        'Customer:1:1:false',
        'Estimate:979:-:true',
      ]);
    });
  });

  it('refuses a look-back over 30 days before reading anything', async () => {
    const log = changeLog([]);
    await expect(readCdc(new Date(T0 - 31 * 86_400_000), log.fetchPage, { now: () => T0 })).rejects.toMatchObject({
      code: 'qbo_cdc_lookback_exceeded',
      retriable: false,
    });
    expect(log.calls).toHaveLength(0);
  });

  it('fails clearly when more than 1000 changes share one instant', async () => {
    const same = Array.from({ length: 1200 }, (_, i) => ({ entity: 'Customer', id: String(i), syncToken: '0', at: T0 + 5000 }));
    const log = changeLog(same);
    await expect(readCdc(new Date(T0), log.fetchPage, { now: () => T0 + 3600_000 })).rejects.toMatchObject({ code: 'qbo_cdc_window_unsplittable' });
  });

  it('treats the last entity group as the truncated one when only the total hits the cap', () => {
    const at = (s: number) => ({ MetaData: { LastUpdatedTime: new Date(T0 + s * 1000).toISOString() } });
    const entities = new Map<string, Record<string, unknown>[]>([
      ['Customer', [{ Id: '1', ...at(1) }]],
      ['Invoice', [{ Id: '2', ...at(5) }, { Id: '3', ...at(9) }]],
    ]);
    expect(completeThrough({ entities, serverTime: undefined }, 3)).toBe(T0 + 9000);
    expect(completeThrough({ entities, serverTime: undefined }, 4)).toBeUndefined();
  });
});
