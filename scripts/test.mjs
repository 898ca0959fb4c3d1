// `npm test`: every check and test, in the order a failure is cheapest to see. Ends with the line
// `tests: N passed, M failed[, K skipped]` counting every Vitest test (unit, component and end-to-end).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies, run } from './ensure-deps.mjs';

const CHROMIUM = '/usr/bin/chromium';
// Debian's chromium ships only en-US; the German UI test needs the German language pack.
const GERMAN_PACK = '/usr/lib/chromium/locales/de.pak';

function ensureChromium() {
  if (existsSync(CHROMIUM) && existsSync(GERMAN_PACK)) return;
  if (process.getuid?.() === 0) {
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n', {
      shell: '/bin/bash',
    });
    return;
  }
  console.error(
    "The end-to-end tests need Debian's Chromium and its language packs. Install them with:\n  sudo apt-get install -y chromium chromium-l10n",
  );
  process.exit(1);
}

const FIREFOX = '/usr/bin/firefox-esr';
// Without Debian's German language pack `intl.locale.requested=de` leaves Firefox (and so browser.i18n) English.
const FIREFOX_GERMAN_PACK = '/usr/lib/firefox-esr/browser/extensions/langpack-de@firefox-esr.mozilla.org.xpi';
// The sync tests run against a real WebDAV server: Apache httpd with mod_dav (tests/support/webdav-server.ts).
const APACHE = '/usr/sbin/apache2';
const HTPASSWD = '/usr/bin/htpasswd';

/**
 * Firefox ESR for tests/e2e-firefox (driven by puppeteer-core over WebDriver BiDi: no geckodriver, no
 * download) and Apache for the sync tests: one apt run for whatever is missing.
 */
function ensureFirefoxAndWebdav() {
  const missing = [];
  if (!existsSync(FIREFOX) || !existsSync(FIREFOX_GERMAN_PACK)) missing.push('firefox-esr', 'firefox-esr-l10n-de');
  if (!existsSync(APACHE) || !existsSync(HTPASSWD)) missing.push('apache2', 'apache2-utils');
  if (missing.length === 0) return;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() === 0) {
    run(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${command.replace('-y', '-y -qq')}`, { shell: '/bin/bash' });
    return;
  }
  console.error(
    `The Firefox end-to-end tests need Debian's Firefox ESR and its German language pack, and the sync tests a WebDAV server (Apache httpd with mod_dav). Install them with:\n  sudo ${command}`,
  );
  process.exit(1);
}

ensureDependencies();
ensureChromium();
ensureFirefoxAndWebdav();

const failedChecks = [];
function check(name, command) {
  try {
    run(command);
  } catch {
    failedChecks.push(name);
  }
}
check('type check', 'npx wxt prepare && npx tsc --noEmit -p .');
check('lint', 'npx biome check .');
check('build', 'npx wxt build');
check('build (Firefox)', 'npx wxt build -b firefox');

const reportDir = mkdtempSync(join(tmpdir(), 'kontaktpflege-vitest-'));
const reportFile = join(reportDir, 'report.json');
console.log('\n$ npx vitest run');
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`], {
  stdio: 'inherit',
});

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  // A file that fails to load has no tests to count; count it as a failure so it cannot hide.
  failed += report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
} else {
  failed += 1;
}
rmSync(reportDir, { recursive: true, force: true });

if (failedChecks.length > 0) console.log(`\nchecks failed: ${failedChecks.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failedChecks.length > 0 || vitest.status !== 0 ? 1 : 0);
