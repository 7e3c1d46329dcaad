import { uniqueName, waitFor, WaitForTimeoutError } from '../src';

describe('waitFor', () => {
  it('returns the first truthy value of the condition', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('treats a throwing condition as not yet met', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls++;
        if (calls < 3) throw new Error('not ready');
        return 'ready';
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('ready');
  });

  it('fails after the timeout naming what it waited for and the last value seen', async () => {
    let consumed = 0;
    const error = await waitFor(() => ++consumed >= 1000 && consumed, { timeoutMs: 30, intervalMs: 5, description: '10 events consumed' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitForTimeoutError);
    expect((error as Error).message).toMatch(/timed out after 30 ms waiting for 10 events consumed; last value: false/);
  });

  it('shows the last error when the condition kept throwing', async () => {
    const error = await waitFor(
      () => {
        throw new Error('topic does not exist');
      },
      { timeoutMs: 20, intervalMs: 5 },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/last error: Error: topic does not exist/);
  });
});

describe('uniqueName', () => {
  it('gives a different name on every call, starting with the prefix', () => {
    const names = Array.from({ length: 1000 }, () => uniqueName('test.orders'));
    expect(new Set(names).size).toBe(1000);
    for (const name of names) expect(name).toMatch(/^test\.orders_[a-z0-9_]+$/);
  });

  it('makes a prefix safe for topic, group and schema names', () => {
    expect(uniqueName('My Schema-1')).toMatch(/^my_schema_1_[a-z0-9_]+$/);
  });
});
