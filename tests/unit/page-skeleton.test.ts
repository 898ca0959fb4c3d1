// @vitest-environment jsdom
/**
 * "Help fix this page": the skeleton a user may e-mail us must describe the page's structure and leak
 * nothing about the person or the user: no name, slug, headline, company, location, nor any URL.
 */
// @ts-expect-error -- jsdom ships no type declarations and @types/jsdom is not a dependency of this project
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { siteForUrl } from '../../sites';
import { pageSkeleton } from '../../sites/page-skeleton';
import expected from '../fixtures/expected.json';

const FIXTURES = import.meta.glob<string>('../fixtures/**/*.html', { query: '?raw', import: 'default', eager: true });

interface Expectation {
  file: string;
  url: string;
  isProfile: boolean;
  key: string | null;
  name: string | null;
  headline: string | null;
  location: string | null;
  company: string | null;
}

function parse(html: string, url: string): Document {
  return (new JSDOM(html, { url }) as { window: { document: Document } }).window.document;
}

/** The site module the content script on this URL's site passes in. */
function siteOf(url: string) {
  const site = siteForUrl(url);
  if (!site) throw new Error(`no site serves ${url}`);
  return site;
}

function skeletonOf(e: Expectation): string {
  const html = FIXTURES[`../fixtures/${e.file}`];
  if (html === undefined) throw new Error(`fixture missing: ${e.file}`);
  const text = pageSkeleton(siteOf(e.url), parse(html, e.url), e.url, '0.1.0');
  if (text === null) throw new Error(`no skeleton for ${e.url}`);
  return text;
}

/** Every string that would tell who the person is, in the forms a page writes it. */
function secretsOf(e: Expectation): string[] {
  const slug = (e.key ?? '').replace(/^(?:linkedin|xing):/, '');
  const words = (e.name ?? '').split(/\s+/).filter((w) => w.length >= 3);
  const secrets = [e.name, e.headline, e.company, e.location, slug, encodeURIComponent(slug), ...words];
  // The 2016 page's person works at "LinkedIn": the report names the site it comes from, which is no secret.
  return secrets.filter((s): s is string => typeof s === 'string' && s.length >= 3 && !/^(?:linkedin|xing)$/i.test(s));
}

const PROFILES = (expected as Expectation[]).filter((e) => e.isProfile);
const URL_MARKS = ['http', '/in/', 'linkedin.com', 'xing.com', '/profile/', 'licdn', 'www.', 'ACoAA'];

describe('page skeleton privacy, on every profile fixture', () => {
  for (const e of PROFILES) {
    it(`${e.file}: structure only, nothing about the person`, () => {
      const text = skeletonOf(e);
      const lower = text.toLowerCase();
      for (const secret of secretsOf(e)) expect(lower, secret).not.toContain(secret.toLowerCase());
      for (const mark of URL_MARKS) expect(lower, mark).not.toContain(mark.toLowerCase());
      // not vacuous: it names the extension version and page type and lists elements
      expect(text).toContain('version: 0.1.0');
      expect(text).toMatch(/^page: (?:linkedin|xing) profile$/m);
      expect(text.split('\n').length).toBeGreaterThan(8);
    });
  }

  it('the 2026 pages report their top card: tags, attribute names, class lengths, componentkey presence', () => {
    const e = PROFILES.find((x) => x.file.includes('synthetic-2026-05-sdui-en-photo'));
    if (!e) throw new Error('fixture entry missing');
    const text = skeletonOf(e);
    expect(text).toContain('root: top card');
    expect(text).toContain('not read: nothing');
    expect(text).toMatch(/^ +h2 class=9,9,9,9 \+text$/m);
    expect(text).toMatch(/^ +a href class=9,9,9$/m);
    expect(text).toMatch(/^ +svg aria-label height role viewbox width class=9,9$/m);
    expect(text).toMatch(/componentkey/);
    expect(text).toMatch(/data-display-contents/);
  });

  it('an unreadable page reports what was not read and falls back to main', () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const doc = parse(
      '<html lang="de"><title>LinkedIn</title><main class="_a1b2c3d4"><div role="region" data-x="1"><span>Erika Muster</span></div></main></html>',
      url,
    );
    const text = pageSkeleton(siteOf(url), doc, url, '0.1.0') ?? '';
    expect(text).toContain('not read: name, headline, company, location, photoUrl');
    expect(text).toContain('root: main');
    expect(text).toContain('language: de');
    expect(text).toContain('main class=9');
    expect(text).toContain('  div data-x role');
    expect(text).not.toMatch(/erika|muster/i);
  });

  it('attribute names that could carry an id are masked; values never appear', () => {
    const url = 'https://www.linkedin.com/in/erika-muster/';
    const doc = parse(
      '<main><div data-member-98700823="x" data-urn-acoaab1234567890abcdefghij="y" aria-label="Invite Erika Muster to connect"></div></main>',
      url,
    );
    const text = pageSkeleton(siteOf(url), doc, url, '0.1.0') ?? '';
    expect(text).toContain('div aria-label data-member-# data-urn-?');
    expect(text).not.toMatch(/98700823|acoaab|erika|invite/i);
  });

  it('is null off profile pages', () => {
    const url = 'https://www.linkedin.com/feed/';
    expect(pageSkeleton(siteOf(url), parse('<main></main>', url), url, '0.1.0')).toBeNull();
  });
});
