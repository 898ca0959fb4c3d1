/**
 * "Who do I know here?" with 500 pasted names against 10k contacts (issue 10: ≤ 200 ms). The matcher is a
 * pure function, so it is timed in Node here: the dashboard runs the same code on the same data.
 */
import { performance } from 'node:perf_hooks';
import { nameMatcher } from '../storage/name-match';
import { series } from './report';

const FIRST = [
  'Anna',
  'Jürgen',
  'Hans-Peter',
  'Björn',
  'Christina',
  'Klaus',
  'Maximilian',
  'Sabine',
  'Lena',
  'Ömer',
  'José',
  'Friederike',
  'Thomas',
  'Stefan',
  'Michael',
  'Andreas',
  'Julia',
  'Katharina',
  'Laura',
  'Sarah',
  'Markus',
  'Tobias',
  'Jan',
  'Lukas',
  'Felix',
  'Paul',
  'Marie',
  'Sophie',
  'Lea',
  'Hannah',
  'Anna-Lena',
  'Karl-Heinz',
  'Petra',
  'Monika',
  'Ute',
  'Frank',
  'Sven',
  'Jörg',
  'Dirk',
  'Nadine',
  'Claudia',
  'Sandra',
  'Tim',
  'Nils',
  'Jonas',
  'Leon',
  'Emma',
  'Mia',
];
const STEM = [
  'Müll',
  'Schmid',
  'Schneid',
  'Fisch',
  'Web',
  'Mey',
  'Wagn',
  'Beck',
  'Schulz',
  'Hoffm',
  'Koch',
  'Bau',
  'Richt',
  'Klein',
  'Wolf',
  'Schröd',
  'Neum',
  'Schwarz',
  'Zimm',
  'Braun',
  'Krüg',
  'Hofm',
  'Hartm',
  'Lang',
  'Schmitt',
  'Wern',
  'Krause',
  'Lehm',
  'Köhl',
  'Herrm',
  'Walt',
  'König',
  'Mai',
  'Huber',
  'Kaiser',
  'Fuchs',
  'Peters',
  'Lorenz',
];
const END = [
  'er',
  'mann',
  'ert',
  'ke',
  'ing',
  'hoff',
  'bach',
  'berg',
  'feld',
  'haus',
  'stein',
  'ner',
  'sen',
  'rich',
  'wald',
  'brink',
  'kamp',
  'dorf',
  'heim',
  'thal',
  'loh',
  'rode',
  'hausen',
  'meier',
  'ler',
  'el',
  'le',
  'ski',
  'ow',
];

/** A reproducible notebook of 10k people with realistically varied names (some shared, some double). */
function notebook(size: number): Array<{ key: string; name: string }> {
  return Array.from({ length: size }, (_, i) => {
    const first = FIRST[(i * 7) % FIRST.length];
    const last = `${STEM[(i * 13) % STEM.length]}${END[(i * 17) % END.length]}`;
    const double = i % 23 === 0 ? `-${STEM[(i * 5) % STEM.length]}${END[(i * 3) % END.length]}` : '';
    return { key: `linkedin:p${i}`, name: `${first} ${last}${double}` };
  });
}

/** 500 lines as pasted from an attendee list: titles, roles, "Last, First", umlauts spelled out, strangers. */
function pasted(contacts: Array<{ name: string }>, count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = contacts[(i * 37) % contacts.length]?.name ?? 'Anna Arendt';
    if (i % 5 === 0) lines.push(`Dr. ${name}, Kanzlei Beispiel`);
    else if (i % 5 === 1) lines.push(`${name.replace('ü', 'ue').replace('ö', 'oe')} (Geschäftsführer)`);
    else if (i % 5 === 2) lines.push(`Unbekannt${i} Fremdperson`);
    else if (i % 5 === 3) lines.push(name.split(' ').reverse().join(', '));
    else lines.push(`${name}x`);
  }
  return lines.join('\n');
}

export function benchNameMatch(runs: number): void {
  const contacts = notebook(10_000);
  const text = pasted(contacts, 500);
  const wall: number[] = [];
  const cpu: number[] = [];
  const checkOnly: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const match = nameMatcher(contacts);
    const t1 = performance.now();
    const check = match(text);
    const t2 = performance.now();
    const used = process.cpuUsage(cpu0);
    if (check.known.length + check.possible.length + check.unknown.length < 400) throw new Error('matcher lost names');
    if (run === 0) continue; // the first run warms the JIT
    wall.push(t2 - t0);
    checkOnly.push(t2 - t1);
    // CPU time of this process: what the work costs without the other developers' processes sharing the cores.
    cpu.push((used.user + used.system) / 1000);
  }
  series('who-do-i-know-500-vs-10k', wall, 'ms');
  series('who-do-i-know-500-vs-10k-cpu', cpu, 'ms');
  series('who-do-i-know-500-check-only', checkOnly, 'ms');
}
