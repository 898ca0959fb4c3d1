/**
 * URL detection matrix (as github-url-detection does it): every detector accepts every URL of its own
 * table with the expected key, and rejects every URL of every other site's tables; every entry of
 * tests/fixtures/url-shapes.json is checked against profileFromUrl. One test per rule (each runs over
 * every URL its rule covers and names each one that fails), so the test count counts behaviours.
 */
import { describe, expect, it } from 'vitest';
import { linkedin, profileFromUrl, siteForUrl, xing } from '../../sites';
import {
  linkedInLegacyProfilePage,
  linkedInLegacyProfilePageUrls,
  linkedInNotProfileUrls,
  linkedInProfilePage,
  linkedInProfilePageUrls,
  linkedInProfileSubPage,
  linkedInProfileSubPageUrls,
} from '../../sites/linkedin/detect';
import type { UrlShape } from '../../sites/parse-url';
import type { ProfileUrlInfo } from '../../sites/types';
import {
  xingNotProfileUrls,
  xingProfilePage,
  xingProfilePageUrls,
  xingProfileSubPage,
  xingProfileSubPageUrls,
} from '../../sites/xing/detect';
import urlShapes from '../fixtures/url-shapes.json';

interface Detector {
  name: string;
  site: 'linkedin' | 'xing';
  detect: (url: string) => ProfileUrlInfo | null;
  table: UrlShape[];
  isMainPage: boolean;
}

const DETECTORS: Detector[] = [
  {
    name: 'linkedInProfilePage',
    site: 'linkedin',
    detect: linkedInProfilePage,
    table: linkedInProfilePageUrls,
    isMainPage: true,
  },
  {
    name: 'linkedInProfileSubPage',
    site: 'linkedin',
    detect: linkedInProfileSubPage,
    table: linkedInProfileSubPageUrls,
    isMainPage: false,
  },
  {
    name: 'linkedInLegacyProfilePage',
    site: 'linkedin',
    detect: linkedInLegacyProfilePage,
    table: linkedInLegacyProfilePageUrls,
    isMainPage: true,
  },
  { name: 'xingProfilePage', site: 'xing', detect: xingProfilePage, table: xingProfilePageUrls, isMainPage: true },
  { name: 'xingProfileSubPage', site: 'xing', detect: xingProfileSubPage, table: xingProfileSubPageUrls, isMainPage: false },
];

const NOT_PROFILE: Record<Detector['site'], string[]> = { linkedin: linkedInNotProfileUrls, xing: xingNotProfileUrls };

/** Every URL a site's tables list, person or not. */
function urlsOfSite(site: Detector['site']): string[] {
  return [...DETECTORS.filter((d) => d.site === site).flatMap((d) => d.table.map((row) => row.url)), ...NOT_PROFILE[site]];
}

const CANONICAL = {
  linkedin: /^https:\/\/www\.linkedin\.com\/(?:in\/[^/?#]+\/|pub\/[^?#]+|profile\/view\?id=\d+)$/,
  xing: /^https:\/\/www\.xing\.com\/profile\/[^/?#]+$/,
};

/**
 * One test per rule, each over its whole table: runs `check` on every row and fails once, naming every
 * URL that broke the rule and how (the first line of its assertion message).
 */
function forEveryUrl<T extends string | { url: string }>(rows: readonly T[], check: (row: T) => void): void {
  expect(rows.length).toBeGreaterThan(0);
  const failures: string[] = [];
  for (const row of rows) {
    try {
      check(row);
    } catch (error) {
      const url = typeof row === 'string' ? row : row.url;
      failures.push(`${url}: ${String((error as Error).message).split('\n')[0]}`);
    }
  }
  expect(failures).toEqual([]);
}

const SITES = ['linkedin', 'xing'] as const;

describe.each(DETECTORS)('$name', (detector) => {
  it(`accepts each of its ${detector.table.length} URLs with the person's key and canonical URL`, () => {
    forEveryUrl(detector.table, ({ url, key }) => {
      const info = detector.detect(url);
      expect(info).toEqual({
        site: detector.site,
        key,
        profileUrl: expect.stringMatching(CANONICAL[detector.site]),
        isMainPage: detector.isMainPage,
      });
      // the same through the public entry points
      expect(profileFromUrl(url)).toEqual(info);
      expect(siteForUrl(url)?.site).toBe(detector.site);
      // the canonical URL is the main page of the same person
      expect(profileFromUrl(info?.profileUrl ?? '')).toEqual({ ...info, isMainPage: true });
    });
  });

  it("rejects its own site's non-person URLs", () => {
    forEveryUrl(NOT_PROFILE[detector.site], (url) => expect(detector.detect(url)).toBeNull());
  });

  const sameSiteOthers = DETECTORS.filter((d) => d.site === detector.site && d !== detector).flatMap((d) => d.table);
  it.runIf(sameSiteOthers.length > 0)('leaves the other page kinds of its site to their own detector', () => {
    forEveryUrl(sameSiteOthers, ({ url }) => expect(detector.detect(url)).toBeNull());
  });
});

// The host check is one rule per site, so it is one test per site, over every detector and every URL.
describe.each(SITES)('%s detectors', (site) => {
  it("reject every URL of the other site's tables", () => {
    const others = SITES.filter((s) => s !== site).flatMap(urlsOfSite);
    const detectors = DETECTORS.filter((d) => d.site === site);
    forEveryUrl(others, (url) => {
      for (const d of detectors) expect(d.detect(url), d.name).toBeNull();
    });
  });
});

describe('non-person URLs', () => {
  it.each(SITES)('no %s non-person URL yields a profile', (site) => {
    forEveryUrl(NOT_PROFILE[site], (url) => expect(profileFromUrl(url)).toBeNull());
  });

  it('a lookalike host belongs to no site', () => {
    forEveryUrl(
      [
        'https://linkedin.com.evil.io/in/test',
        'https://notlinkedin.com/in/test',
        'https://www.linkedin.com.evil.io/in/test',
        'https://xing.community/profile/John_Doe',
        'https://notxing.com/profile/John_Doe',
        'https://www.linkedin.com@evil.io/in/test',
        'https://evil.io/www.linkedin.com/in/test',
      ],
      (url) => {
        expect(siteForUrl(url)).toBeNull();
        expect(profileFromUrl(url)).toBeNull();
      },
    );
  });
});

describe('url-shapes.json', () => {
  interface Shape {
    url: string;
    isProfile: boolean;
    site: 'linkedin' | 'xing';
    key: string | null;
    note: string;
  }
  const SHAPES = urlShapes as Shape[];

  // Profile main pages give the person; other pages give the person's key (sub-pages) or nothing
  // (Sales Navigator, Recruiter, XING's internal endpoint, companies, posts, search).
  for (const site of SITES) {
    for (const isProfile of [true, false]) {
      it(`${site}: ${isProfile ? 'profile main pages give the person' : 'other pages give a key or nothing'}`, () => {
        forEveryUrl(
          SHAPES.filter((shape) => shape.site === site && shape.isProfile === isProfile),
          (shape) => {
            expect(siteForUrl(shape.url)?.site).toBe(shape.site);
            const info = profileFromUrl(shape.url);
            // isProfile ⇔ isMainPage
            expect(info?.isMainPage ?? false).toBe(shape.isProfile);
            if (shape.isProfile) expect(info?.key).toBe(shape.key);
            if (info) expect(info.key).toBe(shape.key);
          },
        );
      });
    }
  }

  it('every URL shape is in one of the detector tables', () => {
    const tabled = new Set([...urlsOfSite('linkedin'), ...urlsOfSite('xing')]);
    expect(SHAPES.map((s) => s.url).filter((url) => !tabled.has(url))).toEqual([]);
  });
});

describe('normalisation', () => {
  it('writes non-ASCII slugs percent-encoded in the canonical URL, however they arrived', () => {
    const encoded = profileFromUrl('https://www.linkedin.com/in/sven-musterh%C3%B6fer-7b2c91e04/?trk=x');
    const raw = profileFromUrl('https://de.linkedin.com/in/Sven-Musterhöfer-7b2c91e04#about');
    expect(raw).toEqual(encoded);
    expect(raw?.profileUrl).toBe('https://www.linkedin.com/in/sven-musterh%C3%B6fer-7b2c91e04/');
    expect(raw?.key).toBe('linkedin:sven-musterhöfer-7b2c91e04');
  });

  it('keeps the case of member ids and XING page names, lowercases vanity slugs', () => {
    expect(profileFromUrl('https://www.linkedin.com/in/ACoAACeBtU4ZTIWUqr5WzeGoXCRrkNIK7Mi8p7h/')?.profileUrl).toBe(
      'https://www.linkedin.com/in/ACoAACeBtU4ZTIWUqr5WzeGoXCRrkNIK7Mi8p7h/',
    );
    expect(profileFromUrl('https://www.xing.com/profiles/Joerg_Musterhaus/cv?sc_o=x')).toEqual({
      site: 'xing',
      key: 'xing:Joerg_Musterhaus',
      profileUrl: 'https://www.xing.com/profile/Joerg_Musterhaus',
      isMainPage: true,
    });
    expect(profileFromUrl('https://www.xing.com/profile/J%C3%B6rg_M%C3%BCller')?.profileUrl).toBe(
      'https://www.xing.com/profile/J%C3%B6rg_M%C3%BCller',
    );
  });

  it('site modules pick by host name', () => {
    expect(siteForUrl('https://de.linkedin.com/feed/')).toBe(linkedin);
    expect(siteForUrl('linkedin.com')).toBe(linkedin);
    expect(siteForUrl('https://www.xing.com/jobs')).toBe(xing);
    expect(siteForUrl('https://example.com/in/test')).toBeNull();
    expect(siteForUrl('not a url at all')).toBeNull();
    expect(linkedin.isSiteHost('touch.www.linkedin.com')).toBe(true);
    expect(linkedin.isSiteHost('LinkedIn.com')).toBe(true);
    expect(linkedin.isSiteHost('www.linkedin.com.')).toBe(true);
    expect(linkedin.isSiteHost('linkedin.co')).toBe(false);
    expect(xing.isSiteHost('xing.com')).toBe(true);
    expect(xing.isSiteHost('linkedin.com')).toBe(false);
  });
});

// Shapes the tables do not hold, found by mutation testing (each line here was changeable unnoticed).
describe('edge cases', () => {
  const ERIKA = { site: 'linkedin', key: 'linkedin:erika-muster', profileUrl: 'https://www.linkedin.com/in/erika-muster/' };
  const JOHN = { site: 'xing', key: 'xing:John_Doe', profileUrl: 'https://www.xing.com/profile/John_Doe' };

  it('a URL pasted with spaces around it, or with a fully qualified host (trailing dot), is the same person', () => {
    forEveryUrl(['  https://www.linkedin.com/in/erika-muster/ \n', 'https://www.linkedin.com./in/erika-muster/'], (url) =>
      expect(profileFromUrl(url)).toEqual({ ...ERIKA, isMainPage: true }),
    );
    forEveryUrl(['\thttps://www.xing.com/profile/John_Doe ', 'https://www.xing.com./profile/John_Doe'], (url) =>
      expect(profileFromUrl(url)).toEqual({ ...JOHN, isMainPage: true }),
    );
  });

  it('any number of trailing slashes keeps the page what it is', () => {
    const plain = DETECTORS.flatMap((d) => d.table.map((row) => row.url)).filter((url) => !/[?#]/.test(url));
    forEveryUrl(plain, (url) => expect(profileFromUrl(`${url.replace(/\/+$/, '')}///`)).toEqual(profileFromUrl(url)));
  });

  it('a LinkedIn tab the tables do not know yet is a sub-page of the person, not the profile', () => {
    expect(profileFromUrl('https://www.linkedin.com/in/erika-muster/skills-and-endorsements/')).toEqual({
      ...ERIKA,
      isMainPage: false,
    });
  });

  it("XING's sign-up prompt on a profile is not the person's page", () => {
    forEveryUrl(
      ['https://www.xing.com/profile/John_Doe/registrations', 'https://www.xing.com/profile/John_Doe/registrations/new'],
      (url) => expect(profileFromUrl(url)).toBeNull(),
    );
  });

  it('legacy LinkedIn URLs: only a whole numeric member id on /profile/view, only a clean /pub/ path', () => {
    expect(profileFromUrl('https://www.linkedin.com/profile/view?id=123456')?.key).toBe('linkedin:member:123456');
    forEveryUrl(
      [
        'https://www.linkedin.com/profile/view?id=123abc',
        'https://www.linkedin.com/profile/view?id=abc123',
        'https://www.linkedin.com/profile/view/extra?id=123456',
        'https://www.linkedin.com/x/profile/view?id=123456',
        'https://www.linkedin.com/pub/erika%20muster/1/2/3',
        'https://www.linkedin.com/pub/%E0%A4%A/1/2/3',
      ],
      (url) => expect(linkedInLegacyProfilePage(url)).toBeNull(),
    );
  });
});
