import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import glossary from '../../i18n/glossary-de.json';

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
