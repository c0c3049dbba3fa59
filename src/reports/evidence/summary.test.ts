import { describe, expect, it } from 'vitest';
import { beijingTime } from './summary.js';

describe('times on the packet summary', () => {
  it('shows a time with a zone as Beijing time, labelled', () => {
    expect(beijingTime('2026-09-02T16:00:00Z')).toBe('2026-09-03 00:00:00（北京时间）');
    expect(beijingTime('2026-09-03T02:00:00.000Z')).toBe('2026-09-03 10:00:00（北京时间）');
    expect(beijingTime('2026-09-03T10:00:00+08:00')).toBe('2026-09-03 10:00:00（北京时间）');
    expect(beijingTime('2026-12-04T13:08:37.208Z', { ms: true, label: false })).toBe('2026-12-04 21:08:37.208');
  });

  it('keeps a registry date it cannot place in time as written, and says 未知 for none', () => {
    expect(beijingTime('03-sep-2026')).toBe('03-sep-2026');
    expect(beijingTime('2026-09-03 00:00:00')).toBe('2026-09-03 00:00:00');
    expect(beijingTime(null)).toBe('未知');
  });
});
