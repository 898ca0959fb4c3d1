/**
 * Issue 13: the chosen file is checked once, record by record, in slices that give the page back
 * between them (validateExportTextInSlices); the result is exactly the check's at once.
 */
import { describe, expect, it } from 'vitest';
import { runInSlices, runToEnd, type SliceProgress, type Steps } from '../../storage/backup/slices';
import { validateExportText, validateExportTextInSlices } from '../../storage/backup/validate';
import { exportedContact, exportFile, keyDate, promise, touch } from '../fixtures/backup/helpers';

const TODAY = '2025-03-01';

/** A file of `n` people with two touches each, one key date and one promise for the first. */
function bigFile(n: number): Record<string, unknown> {
  const keys = Array.from({ length: n }, (_, i) => `linkedin:p-${i}`);
  const file = exportFile(
    keys.map((k, i) => exportedContact(k, { name: `Person ${i}` })),
    keys.flatMap((k, i) => [touch(`a-${i}`, k), touch(`b-${i}`, k)]),
  ) as unknown as Record<string, unknown>;
  return { ...file, keyDates: [keyDate('k-0', 'linkedin:p-0')], promises: [promise('p-0', 'linkedin:p-0')] };
}

/** A runner whose clock moves 1 ms per look, so it pauses every few steps, and counts its pauses. */
async function inSlices(text: string) {
  let now = 0;
  const seen: SliceProgress[] = [];
  let pauses = 0;
  const result = await validateExportTextInSlices(text, text.length, TODAY, {
    clock: () => now++,
    sliceMs: 5,
    pause: async () => {
      pauses++;
    },
    onProgress: (p) => seen.push({ ...p }),
  });
  return { result, seen, pauses };
}

describe('the check in slices', () => {
  it('a 1,000-person file: the same file and skipped list as at once, with pauses and progress that only grows', async () => {
    const file = bigFile(1_000);
    // one record that breaks a rule (skipped and listed) and one duplicate touch id
    (file.contacts as Array<Record<string, unknown>>)[500] = exportedContact('linkedin:p-500', { lastContactAt: '2025-02-30' });
    (file.touches as unknown[]).push(touch('a-7', 'linkedin:p-7'));
    const text = JSON.stringify(file);
    const { result, seen, pauses } = await inSlices(text);
    expect(result).toEqual(validateExportText(text, text.length, TODAY));
    expect(result.ok && result.skipped.map((s) => [s.list, s.key, s.reason])).toEqual([
      ['contacts', 'linkedin:p-500', 'invalid'],
      ['touches', 'linkedin:p-7', 'duplicate'],
    ]);
    expect(pauses).toBeGreaterThan(10);
    expect(seen.length).toBe(pauses);
    const total = 2 * (1_000 + 2_001 + 2);
    expect(seen.every((p) => p.total === total && p.done > 0 && p.done < total)).toBe(true);
    expect(seen.every((p, i) => i === 0 || p.done > (seen[i - 1]?.done ?? 0))).toBe(true);
  });

  it('a record of the wrong shape near the end: the whole file refused with its path, as at once', async () => {
    const file = bigFile(300);
    (file.touches as Array<Record<string, unknown>>)[599] = { ...touch('b-299', 'linkedin:p-299'), note: 42 };
    const text = JSON.stringify(file);
    const { result } = await inSlices(text);
    expect(result).toEqual({ ok: false, error: { code: 'invalid', detail: 'touches[599].note' } });
    expect(validateExportText(text, text.length, TODAY)).toEqual(result);
  });

  it('a record of the wrong shape after one that only breaks a rule: still refused (structure wins)', async () => {
    const file = bigFile(3);
    (file.contacts as Array<Record<string, unknown>>)[0] = exportedContact('linkedin:p-0', { lastContactAt: 'soon' });
    (file.contacts as unknown[])[2] = 'not a record';
    const text = JSON.stringify(file);
    expect((await inSlices(text)).result).toEqual({ ok: false, error: { code: 'invalid', detail: 'contacts[2]' } });
  });

  it('an unsafe key in the last record wins over a wrong shape in the first, as the scan before the check decides', async () => {
    const file = bigFile(200);
    (file.contacts as unknown[])[0] = 7;
    const text = JSON.stringify(file).replace('"deletedAt":null}],"keyDates"', '"deletedAt":null,"__proto__":{}}],"keyDates"');
    expect(text.includes('__proto__')).toBe(true);
    expect((await inSlices(text)).result).toEqual({ ok: false, error: { code: 'unsafeKey', detail: '__proto__' } });
  });

  it('settings that break a rule and an extra top-level key: refused with their paths after the records', async () => {
    const file = bigFile(2);
    const text1 = JSON.stringify({ ...file, settings: { ...(file.settings as object), firstFollowUpDays: -1 } });
    expect((await inSlices(text1)).result).toEqual({
      ok: false,
      error: { code: 'invalid', detail: 'settings.firstFollowUpDays' },
    });
    const text2 = JSON.stringify({ ...file, extra: true });
    expect((await inSlices(text2)).result).toEqual({ ok: false, error: { code: 'invalid', detail: 'extra' } });
  });

  it('a file that is not JSON: refused before any slice', async () => {
    const { result, pauses } = await inSlices('{"format": "kontaktpflege", ');
    expect(result).toEqual({ ok: false, error: { code: 'truncated' } });
    expect(pauses).toBe(0);
  });

  it('the runner: pauses only once a slice has used its time, and returns what the steps return', async () => {
    function* steps(): Steps<string> {
      for (let i = 1; i <= 10; i++) yield { done: i, total: 10 };
      return 'done';
    }
    const progress: number[] = [];
    const pause = async () => undefined;
    // a clock that stands still: no slice ever uses its time, so no pause and no report
    expect(await runInSlices(steps(), { clock: () => 0, sliceMs: 3, pause, onProgress: (p) => progress.push(p.done) })).toBe(
      'done',
    );
    expect(progress).toEqual([]);
    let now = 0;
    const ticking = await runInSlices(steps(), {
      clock: () => now++,
      sliceMs: 3,
      pause,
      onProgress: (p) => progress.push(p.done),
    });
    expect(ticking).toBe(runToEnd(steps()));
    expect(progress.length).toBeGreaterThan(1);
  });
});
