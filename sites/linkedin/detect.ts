/**
 * LinkedIn URL detection: pure functions of a URL string, each written directly above its table of real
 * URL shapes (from tests/fixtures/url-shapes.json and the anonymised fixtures' own links). The tables are
 * exported for the matrix test; nothing in the content script imports them, so the bundler drops them.
 *
 * Key rule (as tests/fixtures/tools/verify_fixtures.py `key_from_url`): `linkedin:<decoded, lowercased slug>`,
 * `linkedin:id:<member URN id>` for `/in/ACoAA…`, `linkedin:pub:<name/x/y/z>`, `linkedin:member:<n>`.
 */
import type { ProfileUrlInfo } from '../types';
import { decodeSegment, hostOf, isHostOf, parseWebUrl, type UrlShape } from '../parse-url';

/** `linkedin.com` and every subdomain: `www.`, country hosts (`de.`, `se.`), `m.`, `mobile.`, `touch.www.`. */
export function isLinkedInHost(hostname: string): boolean {
  return isHostOf(hostname, 'linkedin.com');
}

/** A member URN id used in place of a vanity slug (`/in/ACoAACeBtU4…`); LinkedIn keeps its case. */
export const MEMBER_ID = /^AC[a-zA-Z]AA[\w-]{20,}$/;

/** Sub-pages of a person: the same contact, another DOM (the top card may be missing). */
const SUB_PAGES = new Set([
  'details', // /details/experience/, /details/skills/ …
  'recent-activity', // /recent-activity/all/ …
  'overlay', // modals over the profile: /overlay/contact-info/, /overlay/about-this-profile/ …
  'detail', // 2018 forms: /detail/contact-info/
  'recommendation-add-edit',
  'edit', // own profile: /edit/intro/, 2018 /edit/topcard/
  'add-edit',
]);

/**
 * Trailing segments that still show the profile itself: old public-profile language versions
 * (`/in/slug/en`) and the legacy numeric tail some libraries accept (`/in/test/10/1`).
 */
const MAIN_PAGE_TAIL = /^[0-9a-z]{1,3}(?:\/[0-9a-z]{1,3})*$/i;

/** Path prefixes that still lead to a person's `/in/` page: LinkedIn Lite, mobile, e-mail links, guest route. */
const IN_PATH = /^\/(?:(?:mwlite|m|comm|public-profile)\/)?in\/([^/]+)(?:\/(.*))?$/;

interface InPath {
  info: ProfileUrlInfo;
  /** what follows the slug, without leading/trailing slashes ('' on the profile itself) */
  tail: string;
}

function parseInPath(input: string): InPath | null {
  const url = parseWebUrl(input);
  if (!url || !isLinkedInHost(hostOf(url))) return null;
  const match = IN_PATH.exec(url.pathname);
  if (!match) return null; // also `/in`, `/in/` and `/in//x`: no slug
  const slug = decodeSegment(match[1] ?? '');
  // A vanity slug never holds a slash, whitespace, `?` or `#`: `in/user%2Fname` is not a person we can key.
  if (!slug || /[\s/?#\\]/.test(slug)) return null;
  const tail = (match[2] ?? '').replace(/\/+$/, '');
  if (MEMBER_ID.test(slug)) {
    return {
      tail,
      info: {
        site: 'linkedin',
        key: `linkedin:id:${slug}`,
        profileUrl: `https://www.linkedin.com/in/${slug}/`,
        isMainPage: false, // set by the caller
      },
    };
  }
  const lower = slug.toLowerCase();
  return {
    tail,
    info: {
      site: 'linkedin',
      key: `linkedin:${lower}`,
      // LinkedIn writes non-ASCII slugs percent-encoded with uppercase hex, as encodeURIComponent does.
      profileUrl: `https://www.linkedin.com/in/${encodeURIComponent(lower)}/`,
      isMainPage: false,
    },
  };
}

function isSubPageTail(tail: string): boolean {
  if (tail === '') return false;
  return SUB_PAGES.has(tail.split('/')[0] ?? '') || !MAIN_PAGE_TAIL.test(tail);
}

/** A person's profile itself: `/in/<slug>` on any LinkedIn host, with query, hash or trailing slash. */
export function linkedInProfilePage(url: string): ProfileUrlInfo | null {
  const parsed = parseInPath(url);
  if (!parsed || isSubPageTail(parsed.tail)) return null;
  return { ...parsed.info, isMainPage: true };
}

export const linkedInProfilePageUrls: UrlShape[] = [
  { url: 'https://www.linkedin.com/in/jonas-beispiel-mustermann/', key: 'linkedin:jonas-beispiel-mustermann' },
  { url: 'https://se.linkedin.com/in/jonas-beispiel-mustermann', key: 'linkedin:jonas-beispiel-mustermann' },
  {
    url: 'https://ec.linkedin.com/in/markus-thea-rohlingstr%C3%A4ter-rohlinghorst-0358d850?trk=public_profile_browsemap-profile',
    key: 'linkedin:markus-thea-rohlingsträter-rohlinghorst-0358d850',
  },
  { url: 'https://de.linkedin.com/in/handle', key: 'linkedin:handle' },
  { url: 'https://nl.linkedin.com/in/test', key: 'linkedin:test' },
  { url: 'https://m.linkedin.com/in/mobile-user', key: 'linkedin:mobile-user' },
  { url: 'https://mobile.linkedin.com/in/another-mobile', key: 'linkedin:another-mobile' },
  { url: 'https://touch.www.linkedin.com/in/kbm', key: 'linkedin:kbm' },
  { url: 'https://linkedin.com/in/test', key: 'linkedin:test' },
  { url: 'http://www.linkedin.com/in/test', key: 'linkedin:test' },
  { url: 'https://www.linkedin.com/mwlite/in/tim-beispiel-4c7d2e815/', key: 'linkedin:tim-beispiel-4c7d2e815' },
  { url: 'https://linkedin.com/m/in/test', key: 'linkedin:test' },
  { url: 'https://www.linkedin.com/comm/in/lukas', key: 'linkedin:lukas' },
  // the guest route; also the canonical of the "Profile Not Found" page
  { url: 'https://www.linkedin.com/public-profile/in/karlottofiktiv/', key: 'linkedin:karlottofiktiv' },
  { url: 'https://www.linkedin.com/in/ole-musterkraft/?originalSubdomain=de', key: 'linkedin:ole-musterkraft' },
  { url: 'linkedin.com/in/handle/?originalSubdomain=cz', key: 'linkedin:handle' },
  {
    url: 'https://www.linkedin.com/in/amelie-fiktivs%C3%B6hner-19e8761f9?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAAkxNmdsGtDDlXgh8hAF5XB4AttAwFMIZQvR',
    key: 'linkedin:amelie-fiktivsöhner-19e8761f9',
  },
  {
    url: 'https://www.linkedin.com/in/tmuster?miniProfileUrn=urn%3Ali%3Afsd_profile%3AACoAABX56yzkw6TGNggOrLipEUZuhA5gJNUw2Rx',
    key: 'linkedin:tmuster',
  },
  { url: 'https://se.linkedin.com/in/maxmustermann?trk=public_profile_actor-name', key: 'linkedin:maxmustermann' },
  { url: 'https://www.linkedin.com/in/test?trk=people-guest_people_search-card', key: 'linkedin:test' },
  { url: 'linkedin.com/in/handle?lipi=urn%3Ali%3Apage%3Ad_flagship3_profile_view_base', key: 'linkedin:handle' },
  { url: 'https://www.linkedin.com/in/max-muster-jr-7c1d02a9/?locale=de_DE', key: 'linkedin:max-muster-jr-7c1d02a9' },
  { url: 'https://linkedin.com/in/another-user#section', key: 'linkedin:another-user' },
  { url: 'https://linkedin.com/in/another-user#experience', key: 'linkedin:another-user' },
  {
    url: 'https://se.linkedin.com/in/friedabeispielgr%C3%BCn?trk=public_profile_browsemap-profile',
    key: 'linkedin:friedabeispielgrün',
  },
  { url: 'https://www.linkedin.com/in/j%C3%B6rg-musterhaus-2a7c41d9/', key: 'linkedin:jörg-musterhaus-2a7c41d9' },
  { url: 'https://www.linkedin.com/in/max-m%C3%BCsterholz-81724036/', key: 'linkedin:max-müsterholz-81724036' },
  { url: 'https://www.linkedin.com/in/r%C3%A9mi-m%C3%BCsterbach-472013958/', key: 'linkedin:rémi-müsterbach-472013958' },
  // a raw, un-encoded umlaut in a real link: the same person as its encoded form
  { url: 'https://www.linkedin.com/in/sven-musterhöfer-7b2c91e04/', key: 'linkedin:sven-musterhöfer-7b2c91e04' },
  { url: 'https://www.linkedin.com/in/%C5%A1imon-p%C5%99%C3%ADklad-472915306/', key: 'linkedin:šimon-příklad-472915306' },
  { url: 'https://linkedin.com/in/à-nous-la-lune-', key: 'linkedin:à-nous-la-lune-' },
  // mixed case in a pasted link: slugs are case-insensitive
  { url: 'https://www.linkedin.com/in/Jonas-Beispiel-Mustermann/', key: 'linkedin:jonas-beispiel-mustermann' },
  { url: 'https://www.linkedin.com/in/john%2Ddoe', key: 'linkedin:john-doe' },
  // member URN ids instead of the vanity slug (the slug is only known once the page has loaded)
  {
    url: 'https://www.linkedin.com/in/ACoAACeBtU4ZTIWUqr5WzeGoXCRrkNIK7Mi8p7h',
    key: 'linkedin:id:ACoAACeBtU4ZTIWUqr5WzeGoXCRrkNIK7Mi8p7h',
  },
  {
    url: 'https://www.linkedin.com/in/ACoAACeBtU4ZTIWUqr5WzeGoXCRrkNIK7Mi8p7h?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAACeBtU4ZTIWUqr5WzeGoXCRrkNIK7Mi8p7h',
    key: 'linkedin:id:ACoAACeBtU4ZTIWUqr5WzeGoXCRrkNIK7Mi8p7h',
  },
  {
    url: 'https://www.linkedin.com/in/ACoAAUUtUxsMI0deUQ6uoq0OfTGsUFtRiimVsHk',
    key: 'linkedin:id:ACoAAUUtUxsMI0deUQ6uoq0OfTGsUFtRiimVsHk',
  },
  {
    url: 'https://www.linkedin.com/in/ACoAAUUtUxsMI0deUQ6uoq0OfTGsUFtRiimVsHk?lipi=urn%3Ali%3Apage%3Ad_flagship3_feed%3B',
    key: 'linkedin:id:ACoAAUUtUxsMI0deUQ6uoq0OfTGsUFtRiimVsHk',
  },
  // old public-profile language versions, linked from 2024 guest pages
  {
    url: 'https://es.linkedin.com/in/meikemodellhubner/en?trk=organization_guest_main-feed-card_feed-actor-image',
    key: 'linkedin:meikemodellhubner',
  },
  {
    url: 'https://se.linkedin.com/in/dirk-entwurfrode-68d170894/en?trk=public_profile_browsemap-profile',
    key: 'linkedin:dirk-entwurfrode-68d170894',
  },
  // legacy trailing segments (accepted by lib-linkedin-url)
  { url: 'linkedin.com/in/test/10/1', key: 'linkedin:test' },
  { url: '//www.linkedin.com/in/test/', key: 'linkedin:test' },
];

/** A sub-page of a person (`/details/…`, `/recent-activity/…`, `/overlay/…`): same contact, not the main page. */
export function linkedInProfileSubPage(url: string): ProfileUrlInfo | null {
  const parsed = parseInPath(url);
  if (!parsed || !isSubPageTail(parsed.tail)) return null;
  // Unknown tails count as sub-pages too: still that person's pages, but we do not expect a top card there.
  return { ...parsed.info, isMainPage: false };
}

export const linkedInProfileSubPageUrls: UrlShape[] = [
  { url: 'https://www.linkedin.com/in/markusjbeispiel/details/experience/', key: 'linkedin:markusjbeispiel' },
  { url: 'https://www.linkedin.com/in/markusjbeispiel/details/skills/', key: 'linkedin:markusjbeispiel' },
  { url: 'https://www.linkedin.com/in/markusjbeispiel/details/interests', key: 'linkedin:markusjbeispiel' },
  {
    url: 'https://www.linkedin.com/in/felixbeispielmann/details/experience?profileUrn=urn%3Ali%3Afsd_profile%3AACoAAN5JUu5S0CJtU4R1tsjsqYrVcyoQcREN0gt',
    key: 'linkedin:felixbeispielmann',
  },
  {
    url: 'https://www.linkedin.com/in/felixbeispielmann/details/experience/?profileUrn=urn%3Ali%3Afsd_profile%3AACoAAN5JUu5S0CJtU4R1tsjsqYrVcyoQcREN0gt',
    key: 'linkedin:felixbeispielmann',
  },
  {
    url: 'https://www.linkedin.com/in/felixbeispielmann/details/recommendations?profileUrn=urn%3Ali%3Afsd_profile%3AACoAAN5JUu5S0CJtU4R1tsjsqYrVcyoQcREN0gt&tabIndex=0&detailScreenTabIndex=0',
    key: 'linkedin:felixbeispielmann',
  },
  { url: 'https://www.linkedin.com/in/markusjbeispiel/recent-activity/all/', key: 'linkedin:markusjbeispiel' },
  { url: 'https://www.linkedin.com/in/markusjbeispiel/recent-activity/', key: 'linkedin:markusjbeispiel' },
  {
    url: 'https://www.linkedin.com/in/anna-lena-musterfrau-7d04b2c9/recent-activity/all/',
    key: 'linkedin:anna-lena-musterfrau-7d04b2c9',
  },
  {
    url: 'https://www.linkedin.com/in/jonas-beispiel-mustermann/overlay/contact-info/',
    key: 'linkedin:jonas-beispiel-mustermann',
  },
  {
    url: 'https://www.linkedin.com/in/jonas-beispiel-mustermann/overlay/about-this-profile/',
    key: 'linkedin:jonas-beispiel-mustermann',
  },
  {
    url: 'https://www.linkedin.com/in/jonas-beispiel-mustermann/overlay/browsemap-recommendations/',
    key: 'linkedin:jonas-beispiel-mustermann',
  },
  {
    url: 'https://www.linkedin.com/in/jonas-beispiel-mustermann/overlay/company-recommendations/',
    key: 'linkedin:jonas-beispiel-mustermann',
  },
  { url: 'https://www.linkedin.com/in/jonas-beispiel-mustermann/overlay/experience/', key: 'linkedin:jonas-beispiel-mustermann' },
  {
    url: 'https://www.linkedin.com/in/felixbeispielmann/overlay/pymk-recommendations-from-title?isPrefetched=true&profileUrn=urn%3Ali%3Afsd_profile%3AACoAAN5JUu5S0CJtU4R1tsjsqYrVcyoQcREN0gt',
    key: 'linkedin:felixbeispielmann',
  },
  {
    url: 'https://www.linkedin.com/in/felixbeispielmann/overlay/urn:li:fsd_skill:(ACoAAN5JUu5S0CJtU4R1tsjsqYrVcyoQcREN0gt,1309141894)/skill-insights?profileUrn=urn%3Ali%3Afsd_profile%3AACoAAN5JUu5S0CJtU4R1tsjsqYrVcyoQcREN0gt&tabIndex=0&modalTabIndex=0',
    key: 'linkedin:felixbeispielmann',
  },
  { url: 'https://www.linkedin.com/in/paulprobe/recommendation-add-edit/', key: 'linkedin:paulprobe' },
  {
    url: 'https://www.linkedin.com/in/felixbeispielmann/recommendation-add-edit/WRITE_RECOMMENDATION?profileFormEntryPoint=PROFILE_SECTION&desktopBackground=MAIN_PROFILE',
    key: 'linkedin:felixbeispielmann',
  },
  { url: 'https://www.linkedin.com/in/lena-probe-7a31c2f08/detail/contact-info/', key: 'linkedin:lena-probe-7a31c2f08' },
  { url: 'https://www.linkedin.com/in/lena-probe-7a31c2f08/edit/topcard/', key: 'linkedin:lena-probe-7a31c2f08' },
  {
    url: 'https://www.linkedin.com/in/ACoAACeBtU4ZTIWUqr5WzeGoXCRrkNIK7Mi8p7h/overlay/contact-info/',
    key: 'linkedin:id:ACoAACeBtU4ZTIWUqr5WzeGoXCRrkNIK7Mi8p7h',
  },
];

const PUB_PATH = /^\/pub\/(?!dir\/)([^/]+\/\w+\/\w+\/\w+)/;

/**
 * Legacy person URLs without a vanity slug: `/pub/<name>/<x>/<y>/<z>` (the name part is not the `/in/` slug,
 * so the numeric tail is kept) and 2013's `/profile/view?id=<member id>`.
 */
export function linkedInLegacyProfilePage(input: string): ProfileUrlInfo | null {
  const url = parseWebUrl(input);
  if (!url || !isLinkedInHost(hostOf(url))) return null;
  const pub = PUB_PATH.exec(url.pathname);
  if (pub) {
    const path = decodeSegment(pub[1] ?? '');
    if (!path || /[\s?#\\]/.test(path)) return null;
    const lower = path.toLowerCase();
    return {
      site: 'linkedin',
      key: `linkedin:pub:${lower}`,
      profileUrl: `https://www.linkedin.com/pub/${lower.split('/').map(encodeURIComponent).join('/')}`,
      isMainPage: true,
    };
  }
  if (/^\/profile\/view\/?$/.test(url.pathname)) {
    const id = url.searchParams.get('id');
    if (!id || !/^\d+$/.test(id)) return null;
    return {
      site: 'linkedin',
      key: `linkedin:member:${id}`,
      // The member id lives in the query: the one canonical URL that keeps a query.
      profileUrl: `https://www.linkedin.com/profile/view?id=${id}`,
      isMainPage: true,
    };
  }
  return null;
}

export const linkedInLegacyProfilePageUrls: UrlShape[] = [
  { url: 'http://www.linkedin.com/pub/erik-musterholz/3/271/5b2', key: 'linkedin:pub:erik-musterholz/3/271/5b2' },
  {
    url: 'http://www.linkedin.com/pub/hanna-rohlingrode/6/7a0/13e?trk=pub-pbmap',
    key: 'linkedin:pub:hanna-rohlingrode/6/7a0/13e',
  },
  { url: 'http://www.linkedin.com/pub/holger-rohlinghausen/0e/af1/b0', key: 'linkedin:pub:holger-rohlinghausen/0e/af1/b0' },
  { url: 'de.linkedin.com/pub/karl-beispiel/2/417/3b9', key: 'linkedin:pub:karl-beispiel/2/417/3b9' },
  { url: 'http://nl.linkedin.com/pub/other-name/11/223/544', key: 'linkedin:pub:other-name/11/223/544' },
  { url: 'http://in.linkedin.com/pub/tobias-probe/31/772/415', key: 'linkedin:pub:tobias-probe/31/772/415' },
  {
    url: 'https://se.linkedin.com/pub/lars-musterfeld/12/904/2c7?trk=biz_employee_pub',
    key: 'linkedin:pub:lars-musterfeld/12/904/2c7',
  },
  { url: 'https://www.linkedin.com/profile/view?id=20784563&authType=name&authToken=0LCn', key: 'linkedin:member:20784563' },
  {
    url: 'https://www.linkedin.com/profile/view?id=35819177&authType=name&authToken=z9uc&goback=%2Enppvan_%2Femusterholz&trk=member',
    key: 'linkedin:member:35819177',
  },
];

/** Any LinkedIn URL that shows a person: main page, sub-page or legacy URL. */
export function profileFromLinkedInUrl(url: string): ProfileUrlInfo | null {
  return linkedInProfilePage(url) ?? linkedInProfileSubPage(url) ?? linkedInLegacyProfilePage(url);
}

/**
 * LinkedIn URLs that are not a person's page: every detector above must reject them.
 * Sales Navigator (`/sales/…`) and Recruiter (`/talent/…`, `/recruiter/…`) do show people, but keyed by
 * product-internal ids that never match a public profile, so there is deliberately no panel there.
 */
export const linkedInNotProfileUrls: string[] = [
  'https://uk.linkedin.com/company/audiense',
  'https://www.linkedin.com/company/audiense/',
  'https://www.linkedin.com/company/10529043/',
  'https://www.linkedin.com/company/audiense/about/',
  'https://www.linkedin.com/company/audiense/people/',
  'https://www.linkedin.com/school/kth/',
  'https://www.linkedin.com/school/15100953/',
  'https://www.linkedin.com/showcase/linkedin-learning/',
  'https://www.linkedin.com/groups/12345/',
  'https://www.linkedin.com/feed/',
  'https://www.linkedin.com/feed/update/urn:li:activity:7000000000000000001/',
  'https://www.linkedin.com/feed/hashtag/javascript/',
  'https://www.linkedin.com/posts/jan-beispiel-3c8d1e27b_js-yup-formik-activity-7000000000000000001-ABCD',
  'https://www.linkedin.com/pulse/mein-beispielinterview-paul-musterberg',
  'https://www.linkedin.com/jobs/',
  'https://www.linkedin.com/jobs/view/3900000000/',
  'https://www.linkedin.com/search/results/people/',
  'https://www.linkedin.com/search/results/people/?keywords=jonas',
  'https://www.linkedin.com/mynetwork/',
  'https://www.linkedin.com/messaging/',
  'https://www.linkedin.com/notifications/',
  'https://www.linkedin.com/learning/',
  'https://www.linkedin.com/premium/products/',
  'https://www.linkedin.com/pub/dir/Paul/Musterberg',
  'https://www.linkedin.com/pub/dir/+/+',
  'https://www.linkedin.com/sales/lead/ACwAATbCbguZZ0i5DFYhQ0Vazo1JPWH3EiJD0S7,name',
  'https://www.linkedin.com/sales/lead/ABC123,NAME_SEARCH?sessionId=xyz#foo',
  'https://www.linkedin.com/sales/people/ACoAAdEHqEveb3522sorL4vU83nKOoKg7ZbHtlg,name,MoVL',
  'https://www.linkedin.com/sales/people/ACwAAyuG3oa1jnyjeijbJhrKhtC8dMsQ0gNiPhg,NAME_SEARCH',
  'https://www.linkedin.com/sales/people/ACoAAcKh3Y3dretmhnqxKiUrJyhqzEsAKnkWsAS,name,omNh/',
  'https://www.linkedin.com/sales/index',
  'https://www.linkedin.com/sales/settings',
  'https://www.linkedin.com/sales/search/people?query=x',
  'https://www.linkedin.com/talent/profile/ACwAA0XCD1mJxWzuJdMheWFRqfLnwZPrMAILhLe',
  'https://www.linkedin.com/talent/profile/ACwAA0XCD1mJxWzuJdMheWFRqfLnwZPrMAILhLe/inmail',
  'https://www.linkedin.com/recruiter/profile/284610357,Qm3k,CAP',
  'https://www.linkedin.com/talent/job-posting-redirect',
  'https://www.linkedin.com/talent/post-a-job',
  'https://www.linkedin.com/in',
  'https://linkedin.com/in/',
  'https://linkedin.com/in/?trk=x',
  'https://linkedin.com/in//test',
  'https://www.linkedin.com/in/user%2Fname',
  'https://www.linkedin.com/in/%E0%A4%A',
  'https://www.linkedin.com/profile/view?id=abc',
  'https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fexample%2Ecom',
  'https://www.linkedin.com/signup/public-profile-join',
  'https://www.linkedin.com/start/view-full-profile?_ed=x',
  'https://www.linkedin.com/404/',
  'https://www.linkedin.com/authwall?trk=gf&sessionRedirect=https%3A%2F%2Fwww.linkedin.com%2Fin%2Ftest',
  'https://www.linkedin.com/',
  // lookalike hosts and other tricks
  'https://linkedin.com.evil.io/in/test',
  'https://notlinkedin.com/in/test',
  'https://www.linkedin.com@evil.io/in/test',
  'https://evil.io/www.linkedin.com/in/test',
  'https://evil.io/?u=https://www.linkedin.com/in/test',
  'javascript:alert(1)//www.linkedin.com/in/test',
  'ftp://www.linkedin.com/in/test',
  'https://www.linkedin.cn/in/test',
  '',
];
