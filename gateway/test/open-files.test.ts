import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '@seats/platform';
import { connectionCap, openFileLimit, parseOpenFileLimit, reservedFiles } from '../src/live/open-files.js';

const limits = (soft: string, hard: string) =>
  [
    'Limit                     Soft Limit           Hard Limit           Units     ',
    'Max processes             unlimited            unlimited            processes ',
    `Max open files            ${soft.padEnd(20)} ${hard.padEnd(20)} files     `,
    'Max locked memory         8388608              8388608              bytes     ',
  ].join('\n');

describe('WebSockets within the open-file limit', () => {
  it('reads the soft limit on open files, and nothing when it is unlimited or unknown', () => {
    expect(parseOpenFileLimit(limits('20000', '40000'))).toBe(20000);
    expect(parseOpenFileLimit(limits('unlimited', 'unlimited'))).toBeUndefined();
    expect(parseOpenFileLimit(undefined)).toBeUndefined();
    expect(parseOpenFileLimit('no such line')).toBeUndefined();
  });

  it('reads this process’s own limit on Linux', () => {
    if (process.platform !== 'linux') return;
    expect(openFileLimit()).toBeGreaterThan(0);
  });

  it('keeps WS_MAX_CONNECTIONS that fits, and lowers one that does not, leaving files for the rest and saying so', () => {
    const log = createLogger('test', 'silent');
    const warn = vi.spyOn(log, 'warn');
    expect(connectionCap(10_000, 20_000, log)).toBe(10_000);
    expect(connectionCap(100_000, undefined, log)).toBe(100_000);
    expect(warn).not.toHaveBeenCalled();
    expect(connectionCap(100_000, 20_000, log)).toBe(20_000 - reservedFiles);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[1])).toContain('ulimit -n');
  });
});
