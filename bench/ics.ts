/**
 * Issue 9: the calendar export of 20,000 key dates (target ≤ 1 s). `buildIcs` runs in Node on the same
 * seed as the popup-occasions figure (bench/occasions.ts), beside the floor: ical-generator alone making
 * and printing the same 20,000 yearly all-day events, with none of our code in the loop. CPU time is
 * printed too, because wall time on this shared machine mostly measures the other developers' load.
 */
import ical, { ICalEventRepeatingFreq } from 'ical-generator';
import { buildIcs, type IcsLabels } from '../storage/ics';
import { localToday } from '../storage/dates';
import type { Contact } from '../storage/types';
import { occasionSeed } from './occasions';
import { figure, median, note } from './report';

const LABELS: IcsLabels = {
  calendarName: 'Kontaktpflege',
  birthday: (name) => `Geburtstag: ${name}`,
  anniversary: (name, label) => (label ? `Jubiläum: ${name} (${label})` : `Jubiläum: ${name}`),
  other: (name, label) => `${label}: ${name}`,
  promiseMine: (name, text) => `Zusage an ${name}: ${text}`,
  promiseTheirs: (name, text) => `Zusage von ${name}: ${text}`,
  followUp: (name) => `Nachfassen: ${name}`,
  since: (kind, year) => (kind === 'birthday' ? `geboren ${year}` : `seit ${year}`),
};

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function timed(work: () => void): { wall: number; cpu: number } {
  const c = cpuMs();
  const w = performance.now();
  work();
  return { wall: performance.now() - w, cpu: cpuMs() - c };
}

export function benchIcs(runs: number): void {
  const today = localToday(new Date());
  const seed = occasionSeed(today);
  const contacts = seed.contacts as Contact[];
  const names = new Map(contacts.map((c) => [c.key, c.name]));
  const ours: { wall: number; cpu: number }[] = [];
  const floor: { wall: number; cpu: number }[] = [];
  let events = 0;
  for (let run = 0; run <= runs; run++) {
    const a = timed(() => {
      const text = buildIcs({
        contacts,
        keyDates: seed.keyDates,
        promises: [],
        settings: { feb29: 'mar1', icsFollowUps: false },
        today,
        now: new Date(),
        labels: LABELS,
      });
      events = text.split('BEGIN:VEVENT').length - 1;
    });
    const b = timed(() => {
      const cal = ical({ name: LABELS.calendarName });
      const now = new Date();
      for (const kd of seed.keyDates) {
        const day = `${today.slice(0, 4)}-${String(kd.month).padStart(2, '0')}-${String(kd.day).padStart(2, '0')}`;
        cal
          .createEvent({
            id: `keydate-${kd.id}@kontaktpflege`,
            start: day,
            end: day,
            allDay: true,
            summary: LABELS.birthday(names.get(kd.contactKey) ?? ''),
            description: kd.year === null ? null : LABELS.since(kd.kind, kd.year),
            stamp: now,
            sequence: 1,
          })
          .repeating({ freq: ICalEventRepeatingFreq.YEARLY });
      }
      cal.toString();
    });
    if (run === 0) continue; // warm-up
    ours.push(a);
    floor.push(b);
  }
  figure('ics-export-20k', median(ours.map((t) => t.wall)), 'ms');
  figure('ics-export-20k-cpu', median(ours.map((t) => t.cpu)), 'ms');
  figure('ics-library-floor-20k', median(floor.map((t) => t.wall)), 'ms');
  figure('ics-library-floor-20k-cpu', median(floor.map((t) => t.cpu)), 'ms');
  note(
    `ics: buildIcs with ${seed.keyDates.length} key dates of ${contacts.length} contacts → ${events} events (Node, medians of ${ours.length}); ` +
      'the floor is ical-generator alone making and printing the same events (its folding pass over the whole text included).',
  );
}
