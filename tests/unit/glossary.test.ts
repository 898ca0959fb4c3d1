import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { csvLabels, csvValueLabels } from '../../entrypoints/options/backup-io';
import { formatList } from '../../i18n/formatters';
import glossary from '../../i18n/glossary-de.json';
import { catalogTranslator } from '../../i18n/translate';
import * as csvModule from '../../storage/backup/export';
import type { Contact } from '../../storage/types';
import { buildNotebook } from '../support/notebook';

type Catalog = Record<string, { message: string }>;
interface Term {
  en: string;
  de: string;
  never: string[];
  pairs?: [string, string];
}

/** Every rule that applies to one German message: the words it uses that the glossary rules out. */
function glossaryFaults(germanCatalog: Catalog, englishCatalog: Catalog): string[] {
  const faults: string[] = [];
  const touch = glossary.touchIsNotContact;
  for (const [key, { message }] of Object.entries(germanCatalog)) {
    for (const term of glossary.terms as Term[]) {
      for (const pattern of term.never) {
        if (new RegExp(pattern, 'u').test(message))
          faults.push(`${key}: "${message}" uses /${pattern}/ (${term.en} → ${term.de})`);
      }
      if (term.pairs) {
        const [open, close] = term.pairs;
        if (message.split(open).length !== message.split(close).length) faults.push(`${key}: unpaired ${open}…${close}`);
      }
    }
    const english = englishCatalog[key]?.message ?? '';
    if (
      new RegExp(touch.englishMentions, 'iu').test(english) &&
      !new RegExp(touch.englishAlsoContact, 'iu').test(english) &&
      new RegExp(touch.germanNever, 'u').test(message)
    ) {
      faults.push(`${key}: "${message}" calls touches „Kontakte“ (use Kontaktmoment/Kontaktverlauf)`);
    }
  }
  return faults;
}

test('the German catalog uses no word the glossary rules out', () => {
  expect(glossaryFaults(de as Catalog, en as Catalog)).toEqual([]);
});

test('each rule catches the 0.1.0 wording it was written against', () => {
  // the faults the native-speaker review found; if a rule stops catching one, the first test proves nothing
  const old: Record<string, [string, string]> = {
    tierLabel: ['Tier', 'Stufe'],
    snooze: ['Snooze', 'Zurückstellen'],
    undoSnoozed: ['$NAME$ snoozed.', '$NAME$ zurückgestellt.'],
    addToNetwork: ['Add to my network', 'Zu meinem Netzwerk hinzufügen'],
    headlineLabel: ['Headline', 'Überschrift'],
    colNextDue: ['Next due', 'Nächster Kontakt'],
    logTouchSummary: ['Log a touch', 'Kontakt erfassen'],
    dueOverdue: ['$DURATION$ overdue', 'seit $DURATION$ überfällig'],
    colSite: ['Site', 'Netzwerk'],
    colTouches: ['Touches', 'Kontakte'],
    touchListLabel: ['Recent touches', 'Letzte Kontakte'],
    deleteTouchLabel: ['Delete touch of $DATE$', 'Kontakt vom $DATE$ löschen'],
    csvTouches: ['Touches', 'Anzahl Kontakte'],
    emDash: ['x', 'Alles erledigt — niemand ist fällig.'],
    straightQuotes: ['x', 'Wählen Sie "Ins Notizbuch aufnehmen".'],
    unpaired: ['x', 'Wählen Sie „Ins Notizbuch aufnehmen.'],
    duForm: ['x', 'Öffne dein Profil.'],
  };
  for (const [key, [english, german]] of Object.entries(old)) {
    expect(glossaryFaults({ [key]: { message: german } }, { [key]: { message: english } }).length, key).toBeGreaterThan(0);
  }
});

test('people stay „Kontakte“, and tier compounds naming people are allowed', () => {
  const ok: Record<string, [string, string]> = {
    importPreview: ['Contacts – new: $NEW$. New touches: $TOUCHES$.', 'Kontakte – neu: $NEW$. Neue Kontaktmomente: $TOUCHES$.'],
    cadenceLabel: ['Days between touches, tier $TIER$', '$TIER$-Kontakte: Rhythmus in Tagen'],
    importSkippedTouch: ['Touch of $NAME$ on $DAY$', 'Kontaktmoment von $NAME$ am $DAY$'],
    lastContactWords: ['last contact $WHEN$', 'Letzter Kontakt $WHEN$'],
    emptyNoContactsHelp: ['x', 'Wählen Sie „Ins Notizbuch aufnehmen“.'],
    dueOverdue: ['$DURATION$ overdue', '$DURATION$ überfällig'],
  };
  for (const [key, [english, german]] of Object.entries(ok)) {
    expect(glossaryFaults({ [key]: { message: german } }, { [key]: { message: english } }), key).toEqual([]);
  }
});

describe('strings that bypassed the catalogs (GLOSSARY.md)', () => {
  const deT = catalogTranslator(de);

  test('the German CSV export writes its values in German: platform, tier none, channel', () => {
    const { buildCsv } = csvModule;
    const contact = { ...buildNotebook().contacts[0], tier: 'none', preferredChannel: 'meeting', site: 'xing' } as Contact;
    const [header, row] = buildCsv([contact], new Map([[contact.key, 2]]), csvLabels(deT), csvValueLabels(deT), 'de')
      .replace('\uFEFF', '')
      .split('\r\n');
    expect(header).toBe(
      'Name;Plattform;Profil-URL;Kategorie;Firma;Profil-Slogan;Ort;Letzter Kontakt;Wiedervorlage;Bevorzugter Kanal;Woher wir uns kennen;Notizen;Anzahl Kontaktmomente',
    );
    const cells = row?.split(';') ?? [];
    expect([cells[1], cells[3], cells[9]]).toEqual(['XING', 'Keine', 'Treffen']);
    // every channel and platform code has its own German word
    const values = csvValueLabels(deT);
    for (const [code, word] of Object.entries({ ...values.channel, ...values.site })) expect(word, code).not.toBe(code);
  });

  test('lists join as the language joins them', () => {
    expect(formatList(['Firma', 'Ort'], 'de')).toBe('Firma und Ort');
    expect(formatList(['Name', 'Firma', 'Ort'], 'de')).toBe('Name, Firma und Ort');
    expect(formatList(['company', 'location'], 'en')).toBe('company and location');
  });

  test('the collapsed panel tab’s abbreviation comes from the catalog in both languages', () => {
    expect(de.panelTabShort.message).toBe('KP');
    expect(en.panelTabShort.message).toBe('KP');
  });
});
