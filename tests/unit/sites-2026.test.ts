// @vitest-environment jsdom
/**
 * Today's pages (synthetic fixtures written from the facts in ARCHITECTURE.md): the traps around the 2026
 * LinkedIn top card and the current XING ID module, beyond the field matrix in sites-extract.test.ts.
 */
// @ts-expect-error -- jsdom ships no type declarations and @types/jsdom is not a dependency of this project
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { profileFromUrl, readProfile } from '../../sites';

const FIXTURES = import.meta.glob<string>('../fixtures/**/*.html', { query: '?raw', import: 'default', eager: true });

function fixture(file: string): string {
  const html = FIXTURES[`../fixtures/${file}`];
  if (html === undefined) throw new Error(`fixture missing: tests/fixtures/${file}`);
  return html;
}

function parse(html: string, url: string): Document {
  return (new JSDOM(html, { url }) as { window: { document: Document } }).window.document;
}

const GRETA = 'linkedin/synthetic-2026-05-sdui-en-photo-verified-greta-beispielkamp.html';
const GRETA_URL = 'https://www.linkedin.com/in/greta-beispielkamp-4b7e21a9/';
const JONAS = 'linkedin/synthetic-2026-05-sdui-de-no-photo-open-to-work-jonas-probewald.html';
const LUKASZ = 'linkedin/synthetic-2026-05-sdui-de-photo-verified-unicode-slug-lukasz-przykladowski.html';
const XING_MAX = 'xing/synthetic-2026-loggedin-premium-max-beispielmann.html';

describe('LinkedIn 2026 top card', () => {
  it('every synthetic page holds the traps it is meant to test', () => {
    const doc = parse(fixture(GRETA), GRETA_URL);
    expect(doc.querySelector('h1')).toBeNull();
    expect(doc.title).toBe('LinkedIn');
    const headings = Array.from(doc.querySelectorAll('h2')).map((h) => h.textContent);
    expect(headings).toEqual(expect.arrayContaining(['Highlights', 'About', 'Activity', 'People you may know', 'Mia Vorlage']));
    expect(doc.querySelector('[aria-label="Invite Greta Beispielkamp to connect"]')).not.toBeNull();
    expect(doc.body.innerHTML).toContain('Vera Betrachterin'); // the viewer's own card
  });

  it('the same person behind a percent-encoded or a raw Unicode slug', () => {
    for (const url of [
      'https://www.linkedin.com/in/%C5%82ukasz-przyk%C5%82adowski-7a1c0e35/',
      'https://www.linkedin.com/in/łukasz-przykładowski-7a1c0e35/',
      'https://de.linkedin.com/in/%C5%81ukasz-Przyk%C5%82adowski-7a1c0e35?trk=x',
    ]) {
      const read = readProfile(parse(fixture(LUKASZ), url), url);
      expect(read?.info.key, url).toBe('linkedin:łukasz-przykładowski-7a1c0e35');
      expect(read?.fields.name, url).toBe('Łukasz Przykładowski');
    }
  });

  it("after a single-page navigation the previous person's 2026 top card is not read as the new person", () => {
    // The URL already names Jonas; the DOM still shows Greta.
    const url = 'https://www.linkedin.com/in/jonas-probewald/';
    const read = readProfile(parse(fixture(GRETA), url), url);
    expect(read?.info.key).toBe('linkedin:jonas-probewald');
    expect(read?.showsPerson).toBe(false);
    expect(read?.fields.name).toBeNull();
  });

  it('a page whose top card cannot be found reads no one else: not the new-connection card, the viewer, or a label', () => {
    // LinkedIn changed the top card: the name is no longer inside a link to the profile.
    const html = fixture(GRETA).replace(
      /<a class="[^"]*" href="https:\/\/www\.linkedin\.com\/in\/greta-beispielkamp-4b7e21a9\/">([\s\S]*?)<\/a>/,
      '<div>$1</div>',
    );
    const read = readProfile(parse(html, GRETA_URL), GRETA_URL);
    // Not stale (the first linked heading is not a top card), so the panel still appears, on the URL alone.
    expect(read?.showsPerson).toBe(true);
    expect(read?.fields).toMatchObject({ name: null, headline: null, company: null, location: null });
  });

  it('the first linked heading about someone else that is not a top card does not make the page stale', () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const html = `<title>Erika Muster | LinkedIn</title><main>
      <section><a href="/in/mia-vorlage-93a1c7e2/"><h2>Mia Vorlage</h2></a><p>Mia Vorlage is a new connection</p><p>Recruiter</p></section>
      </main>`;
    const read = readProfile(parse(html, url), url);
    expect(read?.showsPerson).toBe(true);
    expect(read?.fields.name).toBe('Erika Muster');
    expect(read?.fields.headline).toBeNull();
  });

  it('a member-id URL cannot be compared with the vanity link: the page is not called stale', () => {
    const url = 'https://www.linkedin.com/in/ACoAAB7gR2kPq4sXy9Lm0nV3tW5uZ8cD1eF6hJk/';
    const read = readProfile(parse(fixture(GRETA), url), url);
    expect(read?.showsPerson).toBe(true);
    expect(read?.fields.name).toBeNull();
  });

  it('on a sub-page, a section heading linked back to the profile is not the name', () => {
    const url = 'https://www.linkedin.com/in/erika-muster/details/experience/';
    const html = `<title>Experience | Erika Muster | LinkedIn</title><main>
      <section><a href="/in/erika-muster/"><h2>Experience</h2></a><p>Lorem beispiel</p><p>Ipsum muster</p></section></main>`;
    const read = readProfile(parse(html, url), url);
    expect(read?.fields.name).toBe('Erika Muster');
    expect(read?.fields.headline).toBeNull();
  });

  it('the degree, "Contact info" and the connection count never become fields; "Company · School" gives the company', () => {
    const read = readProfile(
      parse(fixture(JONAS), 'https://www.linkedin.com/in/jonas-probewald/'),
      'https://www.linkedin.com/in/jonas-probewald/',
    );
    const values = Object.values(read?.fields ?? {}).join(' | ');
    expect(values).not.toMatch(/· 1\.|Kontaktinfo|500\+|Offen für|TU Musterstadt/);
    expect(read?.fields.company).toBe('Beispiel Analytics AG');
  });

  it('location on its own line with "Contact info" in the next paragraph', () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const html = `<main><section><div><a href="https://www.linkedin.com/in/erika-muster/"><h2>Erika Muster</h2></a></div>
      <p>· 2nd</p><p>Teamleitung Vertrieb</p><p>Kassel, Hessen, Deutschland</p><p><a href="#">Contact info</a></p></section></main>`;
    const read = readProfile(parse(html, url), url);
    expect(read?.fields).toMatchObject({
      name: 'Erika Muster',
      headline: 'Teamleitung Vertrieb',
      company: null,
      location: 'Kassel, Hessen, Deutschland',
    });
  });
});

describe('LinkedIn 2026 variants beyond the fixtures', () => {
  const url = 'https://www.linkedin.com/in/erika-muster/';
  const link = (inner: string) => `<a href="https://www.linkedin.com/in/erika-muster/">${inner}</a>`;

  it('a sticky header with the name and headline before the top card does not shift the fields', () => {
    const html = `<header><div>${link('<h2>Erika Muster</h2>')}<p>Teamleitung Vertrieb</p></div></header>
      <main><section><img alt="Erika Muster" src="https://media.licdn.com/dms/image/v2/E/profile-displaybackgroundimage-shrink_350_1400/0/1">
      <div><div>${link('<h2>Erika Muster</h2>')}</div><p><span>·</span><span>1st</span></p><p>Teamleitung Vertrieb</p>
      <p>Beispiel AG · Universität Kassel</p><p>Kassel, Hessen, Deutschland</p><p>500+ connections</p></div></section></main>`;
    const read = readProfile(parse(html, url), url);
    expect(read?.fields).toMatchObject({
      name: 'Erika Muster',
      headline: 'Teamleitung Vertrieb',
      company: 'Beispiel AG',
      location: 'Kassel, Hessen, Deutschland',
      photoUrl: null, // the cover picture carries the name, but is no photo
    });
  });

  it('"1st degree connection" spelled out and a plain follower count are not fields', () => {
    const html = `<main><section><div>${link('<h2>Erika Muster</h2>')}</div><p>1st degree connection</p>
      <p>Teamleitung Vertrieb</p><p>Beispiel AG</p><p>1.234 followers</p><p>Kassel, Hessen, Deutschland</p></section></main>`;
    const read = readProfile(parse(html, url), url);
    expect(read?.fields).toMatchObject({
      headline: 'Teamleitung Vertrieb',
      company: 'Beispiel AG',
      location: 'Kassel, Hessen, Deutschland',
    });
  });

  it('the link inside the heading works as well as the heading inside the link', () => {
    const html = `<main><section><div><h2><a href="/in/erika-muster/">Erika Muster</a></h2></div>
      <p>· 2nd</p><p>Teamleitung Vertrieb</p><p>Beispiel AG</p><p>Kassel<a href="#">Contact info</a></p></section></main>`;
    const read = readProfile(parse(html, url), url);
    expect(read?.fields).toMatchObject({
      name: 'Erika Muster',
      headline: 'Teamleitung Vertrieb',
      company: 'Beispiel AG',
      location: 'Kassel',
    });
  });

  it("one's own profile (no degree line) still reads", () => {
    const html = `<main><section><div>${link('<h2>Erika Muster</h2>')}</div>
      <p>Teamleitung Vertrieb</p><p>Beispiel AG</p><p>Kassel<span> · </span><a href="#">Contact info</a></p></section></main>`;
    const read = readProfile(parse(html, url), url);
    expect(read?.fields).toMatchObject({
      name: 'Erika Muster',
      headline: 'Teamleitung Vertrieb',
      company: 'Beispiel AG',
      location: 'Kassel',
    });
  });
});

describe('LinkedIn guest pages 2025–2026', () => {
  it('reads the top card under a sign-in modal; the modal heading is not the name', () => {
    const url = 'https://de.linkedin.com/in/erika-muster';
    const html = `<html><head><title>Erika Muster - Beispiel AG | LinkedIn</title>
      <meta name="pageKey" content="public_profile_v3_desktop"></head><body><main>
      <div aria-modal="true" role="dialog"><h1>Sign in to view Erika’s full profile</h1></div>
      <section class="top-card-layout"><h1 class="top-card-layout__title">Erika Muster</h1>
      <h2 class="top-card-layout__headline">Teamleitung Vertrieb</h2>
      <div class="profile-info-subheader"><span>Kassel, Hessen, Deutschland</span><span><a href="#">Contact Info</a></span></div>
      <a data-tracking-control-name="public_profile_topcard-current-company" href="https://de.linkedin.com/company/beispiel-ag">Beispiel AG</a>
      </section></main></body></html>`;
    const read = readProfile(parse(html, url), url);
    expect(read?.fields).toMatchObject({
      name: 'Erika Muster',
      headline: 'Teamleitung Vertrieb',
      company: 'Beispiel AG',
      location: 'Kassel, Hessen, Deutschland',
    });
  });
});

describe('XING today', () => {
  it('the membership flag in a plain span is stripped too; a surname is kept', () => {
    const url = 'https://www.xing.com/profile/Max_Beispielmann';
    const page = (h1: string) => `<main id="content"><div id="XingIdModule"><h1>${h1}</h1></div></main>`;
    expect(readProfile(parse(page('Max Beispielmann<span>Premium</span>'), url), url)?.fields.name).toBe('Max Beispielmann');
    expect(readProfile(parse(page('Max Beispielmann <span><span>Moderator</span></span>'), url), url)?.fields.name).toBe(
      'Max Beispielmann',
    );
    expect(readProfile(parse(page('Anna Basic'), url), url)?.fields.name).toBe('Anna Basic');
    // a flag we do not know by name is still a button inside the heading
    expect(
      readProfile(parse(page('Max Beispielmann<span><button type="button"><span>Recruiter</span></button></span>'), url), url)
        ?.fields.name,
    ).toBe('Max Beispielmann');
  });

  it("the viewer's avatar and the cover picture are not the person's photo", () => {
    const url = 'https://www.xing.com/profile/Max_Beispielmann';
    const html = fixture(XING_MAX).replace(/<div data-xds="ProfileImage"[\s\S]*?<\/div>/, '');
    const read = readProfile(parse(html, url), url);
    expect(read?.fields.name).toBe('Max Beispielmann');
    expect(read?.fields.photoUrl).toBeNull();
  });

  it('the logged-out detour through login.xing.com is not a profile page', () => {
    expect(profileFromUrl('https://login.xing.com/?dest_url=%2Fprofile%2FErika_Probefeld3')).toBeNull();
  });
});
