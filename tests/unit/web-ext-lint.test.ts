/**
 * Mozilla's own linter (`web-ext lint`, the checks addons.mozilla.org runs on upload) over the Firefox store
 * zip as `npm run build` makes it: zero errors and zero warnings, so a release can be submitted as built.
 * Zips into a temporary folder, so `.output/` (which the end-to-end tests load) is left alone.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { zip } from 'wxt';

interface LintMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  metadata: { id?: string; manifestVersion?: number };
}

const outDir = mkdtempSync(join(tmpdir(), 'kontaktpflege-lint-'));
let report: LintReport;

const noop = () => {};
const silent = { debug: noop, log: noop, info: noop, warn: noop, error: noop, fatal: noop, success: noop, level: 0 };

beforeAll(async () => {
  await zip({ browser: 'firefox', outDir, logger: silent, zip: { zipSources: false } });
  const storeZip = readdirSync(outDir).find((f) => f.endsWith('-firefox.zip'));
  if (!storeZip) throw new Error(`wxt zip made no Firefox zip in ${outDir}: ${readdirSync(outDir).join(', ')}`);
  const webExt = join(process.cwd(), 'node_modules', '.bin', 'web-ext');
  // web-ext exits 1 when it finds errors; the JSON report is on stdout either way.
  const { stdout } = await promisify(execFile)(
    webExt,
    ['lint', '--source-dir', join(outDir, storeZip), '--output', 'json', '--no-input'],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  report = JSON.parse(stdout) as LintReport;
}, 180_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const describeAll = (list: LintMessage[]) => list.map((m) => `${m.code} ${m.file ?? ''}: ${m.description ?? m.message}`);

it('web-ext lint finds no error and no warning in the Firefox store zip', () => {
  expect(describeAll(report.errors)).toEqual([]);
  expect(describeAll(report.warnings)).toEqual([]);
  // The linter really read our add-on (an unreadable zip would also report nothing).
  expect(report.metadata).toMatchObject({ id: 'kontaktpflege@kontaktpflege', manifestVersion: 3 });
});
