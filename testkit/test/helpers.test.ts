import { describe, expect, it } from 'vitest';
import { Teardown, waitFor } from '../src/index.js';

describe('waitFor', () => {
  it('answers with the first value that is not undefined, null or false, 0 included', async () => {
    const answers = [undefined, null, false, 0, 1];
    expect(await waitFor(() => answers.shift(), 1000, 1)).toBe(0);
  });

  it('fails once the time is up', async () => {
    await expect(waitFor(() => false, 50, 10)).rejects.toThrow();
  });
});

describe('Teardown', () => {
  it('runs every cleanup once, last first, past a failing one, and rethrows the first failure', async () => {
    const teardown = new Teardown();
    const ran: string[] = [];
    teardown.add(() => ran.push('database'));
    teardown.add(() => {
      ran.push('bus');
      throw new Error('bus');
    });
    teardown.add(async () => void ran.push('workers'));
    await expect(teardown.run()).rejects.toThrow('bus');
    expect(ran).toEqual(['workers', 'bus', 'database']);
    await teardown.run();
    expect(ran).toHaveLength(3);
  });

  it('cleans up what was opened when opening fails', async () => {
    const teardown = new Teardown();
    const closed: string[] = [];
    const opening = teardown.guard(async (t) => {
      t.add(() => closed.push('folder'));
      throw new Error('no database');
    });
    await expect(opening).rejects.toThrow('no database');
    expect(closed).toEqual(['folder']);
  });
});
