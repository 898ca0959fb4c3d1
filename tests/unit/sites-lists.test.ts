// @vitest-environment jsdom
/**
 * People lists on the real LinkedIn pages in tests/fixtures/lists (see expected.json there): the right
 * people, in order, with the name as shown, and none of the links expected.json lists as not entries.
 */
// @ts-expect-error -- jsdom ships no type declarations and @types/jsdom is not a dependency of this project
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { linkedin, profileFromUrl, siteForUrl, xing } from '../../sites';
import { linkedInListPageUrls, linkedInNoListPageUrls } from '../../sites/linkedin/lists';
import { xingListPageUrls, xingNoListPageUrls } from '../../sites/xing/lists';
import { findNamedListEntries } from '../../sites/list-entries';
import expected from '../fixtures/lists/expected.json';

const FIXTURES = import.meta.glob<string>('../fixtures/lists/**/*.html', { query: '?raw', import: 'default', eager: true });

interface ListExpectation {
  file: string;
  url: string;
  owner: { key: string; otherKeys?: string[] } | null;
  entries: Array<{ key: string; name: string; section: string }>;
  not_entries: Array<{ key: string; reason: string }>;
}

function parse(file: string, url: string): Document {
  const html = FIXTURES[`../fixtures/lists/${file}`];
  if (html === undefined) throw new Error(`fixture missing: tests/fixtures/lists/${file}`);
  return (new JSDOM(html, { url }) as { window: { document: Document } }).window.document;
}

describe('findListEntries (named) on every list fixture', () => {
  for (const e of expected as ListExpectation[]) {
    describe(e.file, () => {
      const doc = parse(e.file, e.url);
      const found = findNamedListEntries(doc, profileFromUrl, e.url, e.owner?.otherKeys ?? []);

      it('finds exactly the listed people, each list in page order', () => {
        // expected.json lists a page's lists one after another; the page may place them in another order.
        expect(found.map((x) => x.key).sort()).toEqual(e.entries.map((x) => x.key).sort());
        for (const section of new Set(e.entries.map((x) => x.section))) {
          const inSection = e.entries.filter((x) => x.section === section);
          const starts = found.map((_, i) => i).filter((i) => found[i]?.key === inSection[0]?.key);
          const runs = starts.map((i) => found.slice(i, i + inSection.length).map((x) => x.key));
          expect(runs, section).toContainEqual(inSection.map((x) => x.key));
        }
      });

      it('reads each name as the page shows it', () => {
        const byKey = (list: Array<{ key: string; name: string }>) => list.map((x) => `${x.key} ${x.name}`).sort();
        expect(byKey(found)).toEqual(byKey(e.entries));
      });

      it('takes none of the links that are not entries', () => {
        const keys = new Set(found.map((x) => x.key));
        const entryKeys = new Set(e.entries.map((x) => x.key));
        // A not-entry link can point to someone who is also an entry elsewhere; only the others must be absent.
        for (const n of e.not_entries.filter((x) => !entryKeys.has(x.key))) expect(keys.has(n.key), n.reason).toBe(false);
      });

      it('gives each entry its own list item holding a link to that person', () => {
        expect(new Set(found.map((x) => x.element)).size).toBe(found.length);
        for (const x of found) {
          expect(x.element.contains(x.link)).toBe(true);
          expect(profileFromUrl(x.link.href)?.key).toBe(x.key);
        }
      });
    });
  }
});

function page(html: string, url: string): Document {
  return (new JSDOM(`<!doctype html><html><body>${html}</body></html>`, { url }) as { window: { document: Document } }).window
    .document;
}

const SEARCH_URL = 'https://www.linkedin.com/search/results/people/?keywords=anna';

describe('findListEntries (named) on the shapes the fixtures do not hold', () => {
  it('skips hidden members ("LinkedIn Member", href="#") and keeps the people around them', () => {
    const doc = page(
      `<ul>
        <li><a href="https://www.linkedin.com/in/anna-arendt/">Anna Arendt</a></li>
        <li><a href="#">LinkedIn Member</a></li>
        <li><a href="https://www.linkedin.com/in/bernd-bauer/">Bernd Bauer</a></li>
      </ul>`,
      SEARCH_URL,
    );
    expect(findNamedListEntries(doc, profileFromUrl, SEARCH_URL).map((x) => x.name)).toEqual(['Anna Arendt', 'Bernd Bauer']);
  });

  it('ignores the viewer\'s "Me" menu in the global navigation', () => {
    const doc = page(
      `<header><nav><ul><li><a href="https://www.linkedin.com/in/otto-viewer/">Me</a></li></ul></nav></header>
       <main><ul><li><a href="https://www.linkedin.com/in/anna-arendt/">Anna Arendt</a></li></ul></main>`,
      'https://www.linkedin.com/mynetwork/',
    );
    expect(findNamedListEntries(doc, profileFromUrl, 'https://www.linkedin.com/mynetwork/').map((x) => x.key)).toEqual([
      'linkedin:anna-arendt',
    ]);
  });

  it('reads 2025 server-driven search (role="listitem", hashed classes, member-id links) without class names', () => {
    const doc = page(
      `<div role="list" class="_8f2a1">
        <div role="listitem" componentkey="SearchResultsACoAAAB8hTwB_5DDelbchgqS6RfF763W1QJZ5eo" class="_1b3c">
          <a class="_9d1e" href="https://www.linkedin.com/in/ACoAAAB8hTwB_5DDelbchgqS6RfF763W1QJZ5eo"><img alt=""></a>
          <a class="_7c2f" href="https://www.linkedin.com/in/ACoAAAB8hTwB_5DDelbchgqS6RfF763W1QJZ5eo">
            <span aria-hidden="true">Lüder Musterheide</span><span class="_0e1a">View Lüder Musterheide’s profile</span></a>
          <p class="_3a9b">Head of Sales</p>
        </div>
        <div role="listitem" componentkey="SearchResultsACoAAABVu9MBtoR1ikpTCjVIO2LJtnsEv1jWx_Q" class="_1b3c">
          <a class="_7c2f" href="https://www.linkedin.com/in/patrick-marktmann-1a2b3c/"><span aria-hidden="true">Patrick Marktmann</span></a>
          <p><a href="https://www.linkedin.com/in/ACoAAAA3iEQBFPAyxAO3ZxWD5_1UIZL8evD7i7U">Pirmin Kornmuster</a> is a mutual connection</p>
        </div>
      </div>`,
      SEARCH_URL,
    );
    const found = findNamedListEntries(doc, profileFromUrl, SEARCH_URL);
    expect(found.map((x) => [x.key, x.name])).toEqual([
      ['linkedin:id:ACoAAAB8hTwB_5DDelbchgqS6RfF763W1QJZ5eo', 'Lüder Musterheide'],
      ['linkedin:patrick-marktmann-1a2b3c', 'Patrick Marktmann'],
    ]);
  });

  it('finds XING contacts by their /profile/ links', () => {
    const url = 'https://www.xing.com/search/members?keywords=mueller';
    const doc = page(
      `<ul>
        <li><a href="/profile/Juergen_Mueller2"><img alt="Jürgen Müller"></a><a href="/profile/Juergen_Mueller2">Jürgen Müller</a></li>
        <li><a href="/profile/Anna_Arendt/cv">Anna Arendt</a></li>
        <li><a href="/pages/beispiel-gmbh">Beispiel GmbH</a></li>
      </ul>`,
      url,
    );
    expect(findNamedListEntries(doc, profileFromUrl, url).map((x) => [x.key, x.name])).toEqual([
      ['xing:Juergen_Mueller2', 'Jürgen Müller'],
      ['xing:Anna_Arendt', 'Anna Arendt'],
    ]);
  });

  it('never lists the person whose profile the page shows', () => {
    const url = 'https://www.linkedin.com/in/anna-arendt/';
    const doc = page(
      `<ul><li><a href="/in/anna-arendt/details/skills/">Skills</a></li>
       <li><a href="/in/bernd-bauer/">Bernd Bauer</a></li></ul>`,
      url,
    );
    expect(findNamedListEntries(doc, profileFromUrl, url).map((x) => x.key)).toEqual(['linkedin:bernd-bauer']);
  });
});

describe('hasPersonLists: which URLs can show people lists', () => {
  for (const url of [...linkedInListPageUrls, ...xingListPageUrls]) {
    it(`lists on ${url}`, () => expect(siteForUrl(url)?.hasPersonLists(url)).toBe(true));
  }
  for (const url of [...linkedInNoListPageUrls, ...xingNoListPageUrls]) {
    it(`no lists on ${url}`, () => {
      // A site's rule answers only for its own hosts; a foreign or lookalike host is never a list page.
      expect(linkedin.hasPersonLists(url) || xing.hasPersonLists(url)).toBe(false);
    });
  }
  it("each site's rule rejects the other site's list pages", () => {
    expect(xingListPageUrls.filter((url) => linkedin.hasPersonLists(url))).toEqual([]);
    expect(linkedInListPageUrls.filter((url) => xing.hasPersonLists(url))).toEqual([]);
  });
});
