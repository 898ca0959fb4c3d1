/** A full disk must be told apart from other write errors: the panel and the dashboard then say so. */
import { describe, expect, it } from 'vitest';
import { isQuotaExceeded } from '../../storage/quota';

describe('isQuotaExceeded', () => {
  it("recognises the browser's QuotaExceededError, alone or wrapped by Dexie", () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaExceeded(quota)).toBe(true);
    // Dexie wraps it: an AbortError of the transaction whose `inner` is the browser's error
    expect(isQuotaExceeded(Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota }))).toBe(true);
    expect(isQuotaExceeded({ name: 'QuotaExceededError' })).toBe(true);
  });

  it('says no for every other error and for things that are not errors', () => {
    for (const other of [
      new DOMException('denied', 'UnknownError'),
      Object.assign(new Error('aborted'), { name: 'AbortError', inner: new DOMException('x', 'ConstraintError') }),
      new Error('QuotaExceededError'), // the name, not the message, tells
      'QuotaExceededError',
      null,
      undefined,
      {},
    ]) {
      expect(isQuotaExceeded(other), String(other)).toBe(false);
    }
  });
});
