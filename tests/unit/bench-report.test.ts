/** The bench's summary (bench/report.ts): a figure over its target, or missing, says MISSED. */
import { meets, printSummary, summaryLine, type Target } from '../../bench/report';

const PANEL: Target = { name: 'panel-ready-after-dcl-median', limit: 100, unit: 'ms' };

describe('meets', () => {
  it('holds at and under the limit only', () => {
    expect(meets(100, 100)).toBe(true);
    expect(meets(99.9, 100)).toBe(true);
    expect(meets(100.1, 100)).toBe(false);
  });

  it('never counts a missing or broken figure as met', () => {
    expect(meets(undefined, 100)).toBe(false);
    expect(meets(Number.NaN, 100)).toBe(false);
    expect(meets(Number.POSITIVE_INFINITY, 100)).toBe(false);
  });
});

describe('summaryLine', () => {
  it('prints measured / target and MISSED when over', () => {
    const line = summaryLine(PANEL, { value: 173, unit: 'ms' });
    expect(line).toMatch(/^MISSED\s/);
    expect(line).toContain('panel-ready-after-dcl-median: 173 / 100 ms');
  });

  it('prints ok when the figure is within its target', () => {
    const line = summaryLine(PANEL, { value: 66, unit: 'ms' });
    expect(line).toMatch(/^ok\s/);
    expect(line).toContain('66 / 100 ms');
  });

  it('prints MISSED for a target nothing was measured for', () => {
    expect(summaryLine(PANEL, undefined)).toMatch(/^MISSED .*not measured \/ 100 ms/);
  });
});

describe('printSummary', () => {
  it('counts and prints every missed target', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const missed = printSummary([PANEL, { name: 'never-printed', limit: 1, unit: 'ms' }]);
      expect(missed).toBe(2);
      const lines = log.mock.calls.map((c) => String(c[0]));
      expect(lines.filter((l) => l.startsWith('MISSED'))).toHaveLength(2);
      expect(lines.at(-1)).toBe('2 of 2 targets MISSED');
    } finally {
      log.mockRestore();
    }
  });
});
