// Reads Stryker's JSON report and prints the mutation score per top-level folder (storage/, background/,
// sites/), and with `--survivors` every surviving mutant as `file:line mutator: replacement`.
// Score as Stryker counts it: detected (killed + timeout) / valid (detected + survived + no coverage).
import { existsSync, readFileSync } from 'node:fs';

const REPORT = 'reports/mutation/mutation.json';
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

export function summarise(report) {
  const folders = new Map();
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = file.includes('/') ? `${file.split('/')[0]}/` : file;
    const row = folders.get(folder) ?? { folder, detected: 0, survived: 0, noCoverage: 0, ignored: 0 };
    for (const m of mutants) {
      if (DETECTED.has(m.status)) row.detected += 1;
      else if (m.status === 'Survived') row.survived += 1;
      else if (m.status === 'NoCoverage') row.noCoverage += 1;
      else row.ignored += 1;
      if (UNDETECTED.has(m.status)) {
        survivors.push(`${file}:${m.location.start.line} ${m.status} ${m.mutatorName}: ${m.replacement ?? ''}`.trim());
      }
    }
    folders.set(folder, row);
  }
  return {
    folders: [...folders.values()]
      .sort((a, b) => a.folder.localeCompare(b.folder))
      .map((r) => {
        const valid = r.detected + r.survived + r.noCoverage;
        return { ...r, score: valid === 0 ? null : (100 * r.detected) / valid };
      }),
    survivors,
  };
}

function main() {
  if (!existsSync(REPORT)) {
    console.error(`No mutation report at ${REPORT}: run \`npm run test:mutation\` first.`);
    process.exit(1);
  }
  const { folders, survivors } = summarise(JSON.parse(readFileSync(REPORT, 'utf8')));
  console.log('\nmutation score per folder (killed + timeout) / (all but ignored/compile errors):');
  for (const r of folders) {
    const score = r.score === null ? '  n/a' : `${r.score.toFixed(1).padStart(5)} %`;
    console.log(`  ${r.folder.padEnd(12)} ${score}  detected ${r.detected}, survived ${r.survived}, no coverage ${r.noCoverage}`);
  }
  if (process.argv.includes('--survivors')) {
    console.log('\nundetected mutants:');
    for (const s of survivors) console.log(`  ${s}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
