/**
 * The popup's first script (issue 13): what popup.html loads before the first screen is painted holds no
 * database code (Dexie, our storage/db.ts), no webextension-polyfill and no IndexedDB use; the app comes
 * later, by dynamic import only. Builds Chromium into a temporary folder, so it checks the code as it is now.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from 'wxt';

const outDir = mkdtempSync(join(tmpdir(), 'kontaktpflege-popup-'));
const chromeDir = join(outDir, 'chrome');
/** source modules with code in each chunk, as the bundler saw them */
const modulesOf = new Map<string, string[]>();

function recordModules(): Plugin {
  return {
    name: 'test:record-popup-modules',
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        modulesOf.set(
          chunk.fileName,
          Object.entries(chunk.modules)
            .filter(([, module]) => module.renderedLength > 0)
            .map(([id]) => id),
        );
      }
    },
  };
}

const noop = () => {};
const silent = { debug: noop, log: noop, info: noop, warn: noop, error: noop, fatal: noop, success: noop, level: 0 };

beforeAll(async () => {
  await build({
    browser: 'chrome',
    outDir,
    outDirTemplate: 'chrome',
    logger: silent,
    hooks: {
      'vite:build:extendConfig': (entrypoints, config) => {
        if (entrypoints.some((e) => e.type === 'popup')) config.plugins = [...(config.plugins ?? []), recordModules()];
      },
    },
  });
}, 180_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The files popup.html loads before any dynamic import: its module script and everything it imports statically. */
function firstScriptFiles(): string[] {
  const html = readFileSync(join(chromeDir, 'popup.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('popup.html has no module script');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(chromeDir, file), 'utf8');
    // static imports only (`import … from"./x.js"`, `import"./x.js"`); `import("./x.js")` is the later stage
    for (const match of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+)["']/g)) {
      visit(join(file.slice(0, file.lastIndexOf('/') + 1), match[1] as string));
    }
  };
  visit(entry);
  return [...seen];
}

it('loads no database code, no polyfill and no IndexedDB before the first screen', () => {
  const files = firstScriptFiles();
  const modules = files.flatMap((file) => modulesOf.get(file) ?? []);
  expect(modules.some((id) => id.includes('entrypoints/popup/main'))).toBe(true);
  expect(modules.filter((id) => /[\\/]dexie[\\/]|webextension-polyfill|storage[\\/]db\.ts|[\\/]wxt[\\/]/.test(id))).toEqual([]);
  for (const file of files) expect(readFileSync(join(chromeDir, file), 'utf8')).not.toMatch(/indexedDB|IDBKeyRange/);
});

it('loads the app (database, polyfill) only later, by a dynamic import', () => {
  const first = new Set(firstScriptFiles());
  const app = [...modulesOf].find(([, ids]) => ids.some((id) => id.includes('entrypoints/popup/app.tsx')))?.[0];
  expect(app).toBeDefined();
  expect(first.has(app as string)).toBe(false);
  const entry = [...first][0] as string;
  expect(readFileSync(join(chromeDir, entry), 'utf8')).toContain(`import(\`./${(app as string).split('/').pop()}\`)`);
});

it('the first script stays small: at most 24 KB gzip in all (about a tenth of what the popup loaded before)', () => {
  const bytes = firstScriptFiles().reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(chromeDir, file)), { level: 9 }).length,
    0,
  );
  expect(bytes).toBeLessThanOrEqual(24 * 1024);
});
