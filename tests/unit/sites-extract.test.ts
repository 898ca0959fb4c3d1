// @vitest-environment jsdom
/**
 * Extraction against the anonymised LinkedIn and XING pages in tests/fixtures (see MANIFEST.md): every
 * entry of expected.json, plus the edge cases the panel relies on.
 */
// @ts-expect-error -- jsdom ships no type declarations and @types/jsdom is not a dependency of this project
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { linkedin, profileFromUrl, readProfile, xing } from '../../sites';
import { nameFromLinkedInTitle } from '../../sites/linkedin/extract';
import { nameFromXingTitle } from '../../sites/xing/extract';
import expected from '../fixtures/expected.json';

const FIXTURES = import.meta.glob<string>('../fixtures/**/*.html', { query: '?raw', import: 'default', eager: true });

function fixture(file: string): string {
  const html = FIXTURES[`../fixtures/${file}`];
  if (html === undefined) throw new Error(`fixture missing: tests/fixtures/${file}`);
  return html;
}

function parse(html: string, url: string): Document {
  return (new JSDOM(html, { url }) as { window: { document: Document } }).window.document;
}

interface Expectation {
  file: string;
  url: string;
  isProfile: boolean;
  key: string | null;
  name: string | null;
  headline: string | null;
  location: string | null;
  company: string | null;
  hasPhoto: boolean;
}

const EXPECTED = expected as Expectation[];
const NOT_FOUND_FILE = 'linkedin/public-guest-2024-profile-not-found.html';

describe('readProfile on the fixtures of expected.json', () => {
  for (const e of EXPECTED.filter((x) => x.isProfile)) {
    it(`${e.file} yields the expected person`, () => {
      const read = readProfile(parse(fixture(e.file), e.url), e.url);
      expect(read).not.toBeNull();
      if (!read) return;
      expect(read.showsPerson).toBe(true);
      expect(read.info.key).toBe(e.key);
      expect(read.info.isMainPage).toBe(true);
      const { fields } = read;
      expect({
        name: fields.name,
        headline: fields.headline,
        location: fields.location,
        company: fields.company,
        hasPhoto: fields.photoUrl !== null,
      }).toEqual({ name: e.name, headline: e.headline, location: e.location, company: e.company, hasPhoto: e.hasPhoto });
      if (fields.photoUrl !== null) expect(fields.photoUrl).toMatch(/^https?:\/\//);
      const nulls = (['name', 'headline', 'company', 'location', 'photoUrl'] as const).filter((f) => fields[f] === null);
      expect(read.missing).toEqual(nulls);
    });
  }

  for (const e of EXPECTED.filter((x) => !x.isProfile && x.file !== NOT_FOUND_FILE)) {
    it(`${e.file} (not a person) yields no profile`, () => {
      expect(profileFromUrl(e.url)).toBeNull();
      expect(readProfile(parse(fixture(e.file), e.url), e.url)).toBeNull();
    });
  }

  it('the "Profile Not Found" page shows no person and reads nothing', () => {
    const e = EXPECTED.find((x) => x.file === NOT_FOUND_FILE);
    expect(e).toBeDefined();
    if (!e) return;
    const doc = parse(fixture(e.file), e.url);
    const read = readProfile(doc, e.url);
    // The URL is a profile route; the page says the profile does not exist.
    expect(read?.info.key).toBe('linkedin:karlottofiktiv');
    expect(read?.showsPerson).toBe(false);
    expect(read?.missing).toEqual(['name', 'headline', 'company', 'location', 'photoUrl']);
    const info = linkedin.profileFromUrl(e.url);
    if (!info) throw new Error('profile route not recognised');
    expect(linkedin.read(doc, info)).toBeNull();
  });
});

describe('identity of the person on the page', () => {
  it('member URN and numeric member id become aliases when the top card ties them to the URL', () => {
    const url = 'https://www.linkedin.com/in/felixbeispielmann/';
    const read = readProfile(
      parse(fixture('linkedin/loggedin-2024-08-voyager-body-only-1st-degree-felixbeispielmann.full.html'), url),
      url,
    );
    expect(read?.fields.aliases.sort()).toEqual([
      'linkedin:id:ACoAAN5JUu5S0CJtU4R1tsjsqYrVcyoQcREN0gt',
      'linkedin:member:98700823',
    ]);
  });

  it("the viewer's URN in the /voyager/api/me block is never taken for the person's", () => {
    const url = 'https://www.linkedin.com/in/jonas-beispiel-mustermann/';
    const read = readProfile(parse(fixture('linkedin/loggedin-2024-07-voyager-jonas-beispiel-mustermann.min.html'), url), url);
    // the min capture keeps only the viewer's fsd_profile URN: no URN alias, only the top card's member id
    expect(read?.fields.aliases).toEqual(['linkedin:member:733031870']);
  });

  it('a stale JSON block of another person (anna-lena fixture) does not make the page "someone else"', () => {
    for (const file of [
      'linkedin/loggedin-2024-07-voyager-no-photo-anna-lena-musterfrau.full.html',
      'linkedin/loggedin-2024-07-voyager-no-photo-anna-lena-musterfrau.min.html',
    ]) {
      const url = 'https://www.linkedin.com/in/anna-lena-musterfrau-7d04b2c9/';
      const read = readProfile(parse(fixture(file), url), url);
      expect(read?.showsPerson).toBe(true);
      expect(read?.fields.name).toBe('Anna Lena Musterfrau');
      expect(read?.fields.aliases).toContain('linkedin:member:218492273');
      if (file.endsWith('.full.html'))
        expect(read?.fields.aliases).toContain('linkedin:id:ACoAAT6UUR0cD6H48P2TjjD4e0wcJwbTRpqVImP');
      expect(read?.fields.aliases.join(' ')).not.toMatch(/detlef/);
    }
  });

  it("after a single-page navigation the previous person's top card is not read as the new person", () => {
    // URL already says Felix, the DOM still shows Jonas (his top card links to /in/jonas-…/overlay/…).
    const url = 'https://www.linkedin.com/in/felixbeispielmann/';
    const doc = parse(fixture('linkedin/loggedin-2024-07-voyager-jonas-beispiel-mustermann.min.html'), url);
    const read = readProfile(doc, url);
    expect(read?.info.key).toBe('linkedin:felixbeispielmann');
    expect(read?.showsPerson).toBe(false);
    expect(read?.fields.name).toBeNull();
    expect(read?.fields.aliases).toEqual([]);
    const info = linkedin.profileFromUrl(url);
    if (!info) throw new Error('not a profile');
    expect(linkedin.read(doc, info)).toBeNull();
  });

  it('a member-id URL (/in/ACoAA…) gets the vanity slug as alias once the section links tie them', () => {
    const url = 'https://www.linkedin.com/in/ACoAAN5JUu5S0CJtU4R1tsjsqYrVcyoQcREN0gt/';
    const read = readProfile(
      parse(fixture('linkedin/loggedin-2024-08-voyager-body-only-1st-degree-felixbeispielmann.full.html'), url),
      url,
    );
    expect(read?.info.key).toBe('linkedin:id:ACoAAN5JUu5S0CJtU4R1tsjsqYrVcyoQcREN0gt');
    expect(read?.showsPerson).toBe(true);
    expect(read?.fields.name).toBe('Felix Beispielmann');
    expect(read?.fields.aliases.sort()).toEqual(['linkedin:felixbeispielmann', 'linkedin:member:98700823']);
  });

  it('a member-id URL whose page shows another member is stale', () => {
    const url = 'https://www.linkedin.com/in/ACoAACeBtU4ZTIWUqr5WzeGoXCRrkNIK7Mi8p7h/';
    const read = readProfile(
      parse(fixture('linkedin/loggedin-2024-08-voyager-body-only-1st-degree-felixbeispielmann.full.html'), url),
      url,
    );
    expect(read?.showsPerson).toBe(false);
  });

  it('an overlay sub-page keeps reading the profile underneath it', () => {
    const url = 'https://www.linkedin.com/in/jonas-beispiel-mustermann/overlay/contact-info/';
    const read = readProfile(parse(fixture('linkedin/loggedin-2024-07-voyager-jonas-beispiel-mustermann.min.html'), url), url);
    expect(read?.info.isMainPage).toBe(false);
    expect(read?.fields.name).toBe('Jonas Beispiel Mustermann');
    expect(read?.fields.company).toBe('Beispiel GmbH');
  });
});

describe('pages that give little or nothing', () => {
  it('a page with only the URL: the URL key, all fields missing, and the person counts as shown', () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const read = readProfile(parse('<!doctype html><html><head></head><body></body></html>', url), url);
    expect(read).not.toBeNull();
    expect(read?.info).toEqual({
      site: 'linkedin',
      key: 'linkedin:erika-muster',
      profileUrl: 'https://www.linkedin.com/in/erika-muster/',
      isMainPage: true,
    });
    expect(read?.fields).toEqual({ name: null, headline: null, company: null, location: null, photoUrl: null, aliases: [] });
    expect(read?.missing).toEqual(['name', 'headline', 'company', 'location', 'photoUrl']);
    expect(read?.showsPerson).toBe(true);
  });

  it('the same on XING', () => {
    const url = 'https://www.xing.com/profile/Erika_Muster';
    const read = readProfile(parse('', url), url);
    expect(read?.info.key).toBe('xing:Erika_Muster');
    expect(read?.missing).toEqual(['name', 'headline', 'company', 'location', 'photoUrl']);
    expect(read?.showsPerson).toBe(true);
  });

  it('markup typed into a name stays text and creates no element', () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const doc = parse('<main><section><h1>&lt;img src=x onerror=alert(1)&gt;</h1></section></main>', url);
    const before = doc.getElementsByTagName('*').length;
    const read = readProfile(doc, url);
    expect(read?.fields.name).toBe('<img src=x onerror=alert(1)>');
    expect(doc.getElementsByTagName('*').length).toBe(before);
    expect(doc.querySelector('img')).toBeNull();
  });

  it('a title-only page gives the name from <title>, without the notification counter and suffix', () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const read = readProfile(
      parse('<html><head><title>(3) Erika Muster | LinkedIn</title></head><body></body></html>', url),
      url,
    );
    expect(read?.fields.name).toBe('Erika Muster');
    expect(read?.showsPerson).toBe(true);
    expect(read?.missing).toEqual(['headline', 'company', 'location', 'photoUrl']);
  });

  it('title shapes of LinkedIn and XING', () => {
    expect(nameFromLinkedInTitle('(3) Erika Muster | LinkedIn', true)).toBe('Erika Muster');
    expect(nameFromLinkedInTitle('(99+) Erika Muster | LinkedIn', true)).toBe('Erika Muster');
    expect(nameFromLinkedInTitle('Erik Musterholz  | LinkedIn', true)).toBe('Erik Musterholz');
    expect(nameFromLinkedInTitle('Max Mustermann - Co-Founder - Musterjob AB | LinkedIn', true)).toBe('Max Mustermann');
    expect(nameFromLinkedInTitle('(3) Activity | Tim Muster | LinkedIn', false)).toBe('Tim Muster');
    expect(nameFromLinkedInTitle('Anna-Lena Musterfrau | LinkedIn', true)).toBe('Anna-Lena Musterfrau');
    // LinkedIn's own pages linger in the title during single-page navigation
    expect(nameFromLinkedInTitle('(3) Feed | LinkedIn', true)).toBeNull();
    expect(nameFromLinkedInTitle('LinkedIn', true)).toBeNull();
    expect(nameFromLinkedInTitle('Profile Not Found | LinkedIn', true)).toBeNull();
    expect(nameFromLinkedInTitle('', true)).toBeNull();
    expect(nameFromXingTitle('Jörg Musterhaus - Geschäftsführer - Beispiel GmbH | XING')).toBe('Jörg Musterhaus');
    expect(nameFromXingTitle('Jörg Musterhaus – XING')).toBe('Jörg Musterhaus');
    expect(nameFromXingTitle('XING')).toBeNull();
  });

  it('a current-style page: hashed classes, German aria-label, JSON-LD and meta only', () => {
    const url = 'https://de.linkedin.com/in/erika-muster-1a2b3c/';
    const html = `<html><head><title>(2) Erika Muster | LinkedIn</title>
      <script type="application/ld+json">{"@context":"http://schema.org","@graph":[{"@type":"Person","name":"Erika Muster",
        "url":"https://de.linkedin.com/in/erika-muster-1a2b3c","address":{"@type":"PostalAddress","addressLocality":"Kassel"},
        "image":{"@type":"ImageObject","contentUrl":"https://media.licdn.com/dms/image/v2/x/profile-displayphoto-shrink_200_200/0/1.jpg"}}]}</script>
      </head><body><main><section class="a1b2c3"><div class="x9y8"><img class="q7w6" alt="Erika Muster" src="https://media.licdn.com/dms/image/v2/x/profile-displayphoto-shrink_400_400/0/1.jpg">
      <h1 class="z1x2">Erika   Muster</h1><div class="k3l4">Einkauf bei Beispiel AG</div>
      <button aria-label="Aktuelles Unternehmen: Beispiel AG. Klicken Sie, um zur Berufserfahrung zu springen"><span>Beispiel AG</span></button>
      </div></section></main></body></html>`;
    const read = readProfile(parse(html, url), url);
    expect(read?.fields).toMatchObject({
      name: 'Erika Muster',
      company: 'Beispiel AG',
      location: 'Kassel',
      photoUrl: 'https://media.licdn.com/dms/image/v2/x/profile-displayphoto-shrink_400_400/0/1.jpg',
    });
  });

  it('a section heading of a sub-page without top card is not a name; the title names the person', () => {
    const url = 'https://www.linkedin.com/in/markusjbeispiel/details/experience/';
    const html = '<title>(3) Experience | Markus Beispiel | LinkedIn</title><main><section><h1>Experience</h1></section></main>';
    const read = readProfile(parse(html, url), url);
    expect(read?.info.isMainPage).toBe(false);
    expect(read?.fields.name).toBe('Markus Beispiel');
  });

  it("a visually hidden heading (other pages' screen-reader label) is not a name", () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const read = readProfile(
      parse('<title>Feed | LinkedIn</title><main><h1 class="visually-hidden">Feed updates</h1></main>', url),
      url,
    );
    expect(read?.fields.name).toBeNull();
  });

  it("member URN links under this slug give the id alias even without a top card; other slugs' links do not", () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const html = `<main><section><h1>Erika Muster</h1></section>
      <a href="/in/erika-muster/details/experience?profileUrn=urn%3Ali%3Afsd_profile%3AACoAAB1234567890abcdefghijklmnop">all</a>
      <a href="/in/someone-else/details/skills?profileUrn=urn%3Ali%3Afsd_profile%3AACoAAZ9876543210zyxwvutsrqponmlk">all</a></main>`;
    const read = readProfile(parse(html, url), url);
    expect(read?.fields.aliases).toEqual(['linkedin:id:ACoAAB1234567890abcdefghijklmnop']);
  });

  it('photos: lazy guest images use data-delayed-url; static.licdn.com, data: and ghost classes are no photo', () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const card = (img: string) => `<main><section><h1>Erika Muster</h1>${img}</section></main>`;
    const photo = (img: string) => readProfile(parse(card(img), url), url)?.fields.photoUrl;
    expect(
      photo(
        '<img class="top-card-layout__entity-image" src="https://static.licdn.com/aero-v1/sc/h/9c8pery4andzj6ohjkjp54ma2" data-delayed-url="https://media.licdn.com/dms/image/v2/p.jpg">',
      ),
    ).toBe('https://media.licdn.com/dms/image/v2/p.jpg');
    expect(photo('<img class="top-card-layout__entity-image" src="https://static.licdn.com/aero-v1/sc/h/abc123">')).toBeNull();
    expect(
      photo('<img alt="Erika Muster" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">'),
    ).toBeNull();
    expect(photo('<img alt="Erika Muster" class="evi-image ghost-person" src="https://media.licdn.com/x.jpg">')).toBeNull();
    expect(photo('<img alt="Erika Muster" src="javascript:alert(1)">')).toBeNull();
    expect(photo('<img alt="Background Image" src="https://media.licdn.com/bg.jpg">')).toBeNull();
  });

  it('JSON-LD: only a small Person block of this profile counts', () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const ld = (person: object) => `<script type="application/ld+json">${JSON.stringify(person)}</script>`;
    const nameOf = (html: string) => readProfile(parse(html, url), url)?.fields.name;
    expect(nameOf(ld({ '@type': 'Person', name: 'Erika Muster', url: 'https://de.linkedin.com/in/erika-muster' }))).toBe(
      'Erika Muster',
    );
    expect(nameOf(ld({ '@type': 'Person', name: 'Someone Else', url: 'https://de.linkedin.com/in/someone-else' }))).toBeNull();
    const padding = 'x'.repeat(120_000);
    expect(
      nameOf(ld({ '@type': 'Person', name: 'Erika Muster', url: 'https://de.linkedin.com/in/erika-muster', padding })),
    ).toBeNull();
  });

  it('location beside the contact-info link when the utility classes are gone', () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const html = `<main><section><h1 class="h4sh">Erika Muster</h1>
      <div class="r0w"><span class="l0c">Kassel, Hessen, Deutschland</span>
      <span class="c0n"><a href="/in/erika-muster/overlay/contact-info/">Kontaktinfo</a></span></div></section></main>`;
    const read = readProfile(parse(html, url), url);
    expect(read?.fields.location).toBe('Kassel, Hessen, Deutschland');
    expect(read?.showsPerson).toBe(true);
  });

  it('XING without vcard: the h1 on the profile, meta and title elsewhere; a tab heading is no name', () => {
    const html = `<html><head><title>Jörg Musterhaus - Geschäftsführer - Beispiel GmbH | XING</title>
      <meta property="og:image" content="https://www.xing.com/assets/frontend_minified/img/users/nobody_m.256x256.jpg"></head>
      <body><main><h1>Jörg Musterhaus</h1></main></body></html>`;
    const main = readProfile(
      parse(html, 'https://www.xing.com/profile/Joerg_Musterhaus'),
      'https://www.xing.com/profile/Joerg_Musterhaus',
    );
    expect(main?.fields.name).toBe('Jörg Musterhaus');
    expect(main?.fields.photoUrl).toBeNull();
    const tabUrl = 'https://www.xing.com/profile/Joerg_Musterhaus/portfolio';
    const tab = readProfile(parse(html.replace('<h1>Jörg Musterhaus</h1>', '<h1>Portfolio</h1>'), tabUrl), tabUrl);
    expect(tab?.fields.name).toBe('Jörg Musterhaus');
  });

  it('XING logged-out hides the company; the photo alt that names it is ignored', () => {
    const url = 'https://www.xing.com/profile/John_Doe/cv';
    const read = readProfile(parse(fixture('xing/public-loggedout-2016-vcard-john-doe-excerpt.html'), url), url);
    expect(read?.fields.company).toBeNull();
    expect(read?.missing).toEqual(['company']);
  });

  it('the module objects answer for their own hosts only', () => {
    expect(linkedin.isSiteHost('de.linkedin.com')).toBe(true);
    expect(linkedin.isSiteHost('linkedin.com.evil.io')).toBe(false);
    expect(xing.isSiteHost('www.xing.com')).toBe(true);
    expect(xing.isSiteHost('xing.community')).toBe(false);
  });
});
