/**
 * "Who do I know here?": real-world-style pasted lines against a small notebook. One behaviour per test.
 */
import { describe, expect, it } from 'vitest';
import { checkNames, foldName, type NameCheck, nameWords, splitNames } from '../../storage/name-match';

interface Person {
  key: string;
  name: string;
}

const NOTEBOOK: Person[] = [
  { key: 'linkedin:anna-arendt', name: 'Anna Arendt' },
  { key: 'linkedin:juergen-mueller', name: 'Jürgen Müller' },
  { key: 'xing:Hans_Peter_Mueller_Luedenscheidt', name: 'Hans-Peter Müller-Lüdenscheidt' },
  { key: 'linkedin:anna-lena-schmidt', name: 'Anna-Lena Schmidt' },
  { key: 'linkedin:bjoern-oeztuerk', name: 'Björn Öztürk' },
  { key: 'linkedin:jose-garcia', name: 'José García' },
  { key: 'linkedin:gross', name: 'Friederike Groß' },
  { key: 'linkedin:klaus-maier-1', name: 'Klaus Maier' },
  { key: 'xing:Klaus_Maier2', name: 'Klaus Maier' },
  { key: 'linkedin:maximilian-weber', name: 'Maximilian Johannes Weber' },
  { key: 'linkedin:baerbel', name: 'Bärbel Modellmann (she/her)' },
  { key: 'linkedin:christina-schneider', name: 'Christina Schneider' },
  { key: 'linkedin:sabine-koch', name: 'Dr. Sabine Koch' },
];

const check = (text: string): NameCheck<Person> => checkNames(text, NOTEBOOK);
const knownKeys = (text: string) => check(text).known.map((k) => k.contact.key);
const possibleKeys = (text: string) => check(text).possible.map((p) => p.contacts.map((c) => c.key).sort());

describe('known people: the same name however it is written', () => {
  it('matches the plain name', () => expect(knownKeys('Anna Arendt')).toEqual(['linkedin:anna-arendt']));
  it('ignores case', () => expect(knownKeys('ANNA ARENDT')).toEqual(['linkedin:anna-arendt']));
  it('ignores lower case', () => expect(knownKeys('anna arendt')).toEqual(['linkedin:anna-arendt']));
  it('reads "Last, First"', () => expect(knownKeys('Arendt, Anna')).toEqual(['linkedin:anna-arendt']));
  it('reads "Last First" without a comma', () => expect(knownKeys('Arendt Anna')).toEqual(['linkedin:anna-arendt']));
  it('treats ue as ü', () => expect(knownKeys('Juergen Mueller')).toEqual(['linkedin:juergen-mueller']));
  it('treats ü as ue in the other direction', () =>
    expect(checkNames('Jürgen Müller', [{ key: 'x', name: 'Juergen Mueller' }]).known).toHaveLength(1));
  it('treats ö/oe in first and last name', () => expect(knownKeys('Bjoern Oeztuerk')).toEqual(['linkedin:bjoern-oeztuerk']));
  it('treats ß as ss', () => expect(knownKeys('Friederike Gross')).toEqual(['linkedin:gross']));
  it('treats ae as ä', () => expect(knownKeys('Baerbel Modellmann')).toEqual(['linkedin:baerbel']));
  it('ignores accents', () => expect(knownKeys('Jose Garcia')).toEqual(['linkedin:jose-garcia']));
  it('strips "Dr."', () => expect(knownKeys('Dr. Anna Arendt')).toEqual(['linkedin:anna-arendt']));
  it('strips stacked titles "Prof. Dr.-Ing."', () =>
    expect(knownKeys('Prof. Dr.-Ing. Anna Arendt')).toEqual(['linkedin:anna-arendt']));
  it('strips a degree after the name', () => expect(knownKeys('Anna Arendt, MBA')).toEqual(['linkedin:anna-arendt']));
  it('strips "Dipl.-Kfm." and "Frau"', () => expect(knownKeys('Frau Dipl.-Kfm. Anna Arendt')).toEqual(['linkedin:anna-arendt']));
  it('matches a stored name that carries a title', () => expect(knownKeys('Sabine Koch')).toEqual(['linkedin:sabine-koch']));
  it('strips text in parentheses', () =>
    expect(knownKeys('Müller, Jürgen (Geschäftsführer)')).toEqual(['linkedin:juergen-mueller']));
  it('matches a stored name with parentheses ("(she/her)")', () =>
    expect(knownKeys('Bärbel Modellmann')).toEqual(['linkedin:baerbel']));
  it('drops the organisation after the name', () =>
    expect(knownKeys('Dr. Anna Arendt, Kanzlei Arendt')).toEqual(['linkedin:anna-arendt']));
  it('drops a role after a dash', () => expect(knownKeys('Anna Arendt – Geschäftsführerin')).toEqual(['linkedin:anna-arendt']));
  it('drops a role after a bar', () =>
    expect(knownKeys('Christina Schneider | Head of Sales')).toEqual(['linkedin:christina-schneider']));
  it('matches a double surname with or without hyphen', () =>
    expect(knownKeys('Hans Peter Müller Lüdenscheidt')).toEqual(['xing:Hans_Peter_Mueller_Luedenscheidt']));
  it('matches a double first name written with a space', () =>
    expect(knownKeys('Anna Lena Schmidt')).toEqual(['linkedin:anna-lena-schmidt']));
  it('matches a double surname in "Last, First" order with umlauts spelled out', () =>
    expect(knownKeys('Mueller-Luedenscheidt, Hans-Peter')).toEqual(['xing:Hans_Peter_Mueller_Luedenscheidt']));
  it('matches when the notebook has a middle name the list leaves out', () =>
    expect(knownKeys('Maximilian Weber')).toEqual(['linkedin:maximilian-weber']));
  it('matches when the list has a middle name the notebook leaves out', () =>
    expect(knownKeys('Anna Maria Arendt')).toEqual(['linkedin:anna-arendt']));
  it('ignores extra spaces and tabs around the name', () =>
    expect(knownKeys('   Anna    Arendt   ')).toEqual(['linkedin:anna-arendt']));
});

describe('possible matches: close but not equal, or more than one', () => {
  it('lists both notebook people who share exactly that name', () =>
    expect(possibleKeys('Klaus Maier')).toEqual([['linkedin:klaus-maier-1', 'xing:Klaus_Maier2']]));
  it('offers a typo in the last name', () => expect(possibleKeys('Anna Arendtt')).toEqual([['linkedin:anna-arendt']]));
  it('offers a typo in the first name', () =>
    expect(possibleKeys('Christine Schneider')).toEqual([['linkedin:christina-schneider']]));
  it('offers an initial for the first name', () => expect(possibleKeys('J. Müller')).toEqual([['linkedin:juergen-mueller']]));
  it('offers one half of a double surname', () =>
    expect(possibleKeys('Hans-Peter Müller')).toEqual([['xing:Hans_Peter_Mueller_Luedenscheidt']]));
  it('offers a short form of a double first name', () =>
    expect(possibleKeys('Peter Müller-Lüdenscheidt')).toEqual([['xing:Hans_Peter_Mueller_Luedenscheidt']]));
  it('does not call a close name known', () => expect(knownKeys('Anna Arendtt')).toEqual([]));
  it('finds each typo of a long paste, whatever was compared before it', () => {
    const result = check('Christine Schneider\nAnna Arendtt\nChristina Schnieder\nJuergen Mueler');
    expect(result.possible.map((p) => [p.input, p.contacts.map((c) => c.key)])).toEqual([
      ['Christine Schneider', ['linkedin:christina-schneider']],
      ['Anna Arendtt', ['linkedin:anna-arendt']],
      ['Christina Schnieder', ['linkedin:christina-schneider']],
      ['Juergen Mueler', ['linkedin:juergen-mueller']],
    ]);
  });
});

describe('not in the notebook', () => {
  it('lists a stranger as not in the notebook, as pasted', () =>
    expect(check('Zoe Zimmermann').unknown).toEqual(['Zoe Zimmermann']));
  it('does not match on the first name alone', () => expect(check('Anna Zimmermann').unknown).toEqual(['Anna Zimmermann']));
  it('does not match on the last name alone with a different first name', () =>
    expect(check('Peter Arendt').unknown).toEqual(['Peter Arendt']));
  it('does not take a company for a person', () => expect(check('Kanzlei Arendt').unknown).toEqual(['Kanzlei Arendt']));
});

describe('reading the pasted list', () => {
  it('takes one name per line', () =>
    expect(splitNames('Anna Arendt\nBernd Bauer\r\nCarla Conrad')).toEqual(['Anna Arendt', 'Bernd Bauer', 'Carla Conrad']));
  it('takes names separated by semicolons', () =>
    expect(splitNames('Anna Arendt; Bernd Bauer;Carla Conrad')).toEqual(['Anna Arendt', 'Bernd Bauer', 'Carla Conrad']));
  it('takes names separated by commas', () =>
    expect(splitNames('Anna Arendt, Bernd Bauer, Carla Conrad')).toEqual(['Anna Arendt', 'Bernd Bauer', 'Carla Conrad']));
  it('keeps "Last, First" together as one person', () =>
    expect(splitNames('Müller, Jürgen (Geschäftsführer)')).toEqual(['Jürgen Müller']));
  it('skips blank lines and bullet lines', () => expect(splitNames('\n\n  Anna Arendt\n  \n')).toEqual(['Anna Arendt']));
  it('shows the pasted name without its title', () =>
    expect(check('Prof. Dr. Zoe Zimmermann').unknown).toEqual(['Zoe Zimmermann']));
  it('lists a person pasted twice once', () => {
    const result = check('Anna Arendt\nanna arendt\nArendt, Anna');
    expect(result.known).toHaveLength(1);
  });
  it('sorts a mixed attendee list into the three groups', () => {
    const result = check('Dr. Anna Arendt, Kanzlei Arendt\nKlaus Maier\nZoe Zimmermann; J. Müller');
    expect(result.known.map((k) => k.input)).toEqual(['Anna Arendt']);
    expect(result.possible.map((p) => p.input)).toEqual(['Klaus Maier', 'J. Müller']);
    expect(result.unknown).toEqual(['Zoe Zimmermann']);
  });
  it('gives an empty result for an empty paste', () => expect(check('  \n ')).toEqual({ known: [], possible: [], unknown: [] }));
});

describe('folding', () => {
  it('folds umlauts to their two-letter spelling', () => expect(foldName('Jürgen Öß Ä')).toBe('juergen oess ae'));
  it('splits hyphenated names and drops titles', () =>
    expect(nameWords('Prof. Dr. Anna-Lena Müller')).toEqual(['anna', 'lena', 'mueller']));
});
