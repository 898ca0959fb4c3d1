/**
 * XING URL detection: pure functions of a URL string, each written directly above its table of real URL
 * shapes (from tests/fixtures/url-shapes.json). The tables are exported for the matrix test only.
 *
 * Key rule (as tests/fixtures/tools/verify_fixtures.py `key_from_url`): `xing:<PageName>`, percent-decoded,
 * case kept (real page names transliterate umlauts, `Joerg_Musterhaus`; the case seen is always `First_Last`).
 */
import type { ProfileUrlInfo } from '../types';
import { decodeSegment, hostOf, isHostOf, parseWebUrl, type UrlShape } from '../parse-url';

/** `xing.com` and its subdomains; never `xing.community` or `notxing.com`. */
export function isXingHost(hostname: string): boolean {
  return isHostOf(hostname, 'xing.com');
}

/** `/profile/<PageName>[/<tab>]`; `/profiles/` is the pre-2017 spelling. */
const PROFILE_PATH = /^\/profiles?\/([^/]+)(?:\/(.*))?$/;

/**
 * XING page names are `First_Last` plus an optional number (`AnneMarie_Beispiel407215`): letters, digits and
 * at least one underscore. That keeps internal routes such as `/profile/version/embedded/<Name>/cv` (an AJAX
 * endpoint, not a page anyone visits) out.
 */
const PAGE_NAME = /^[\p{L}\p{N}._-]*_[\p{L}\p{N}._-]*$/u;

/** Tabs that render the full profile vcard: the CV tab is where XING serves the profile itself. */
const MAIN_TABS = new Set(['', 'cv']);

interface ProfilePath {
  info: ProfileUrlInfo;
  /** the tab after the page name ('' on the profile itself), without trailing slashes */
  tab: string;
}

function parseProfilePath(input: string): ProfilePath | null {
  const url = parseWebUrl(input);
  if (!url || !isXingHost(hostOf(url))) return null;
  const match = PROFILE_PATH.exec(url.pathname);
  if (!match) return null;
  const name = decodeSegment(match[1] ?? '');
  if (!name || !PAGE_NAME.test(name)) return null;
  const tab = (match[2] ?? '').replace(/\/+$/, '');
  // The sign-up call to action on a logged-out profile is not the person's page.
  if (tab === 'registrations' || tab.startsWith('registrations/')) return null;
  return {
    tab,
    info: {
      site: 'xing',
      key: `xing:${name}`,
      profileUrl: `https://www.xing.com/profile/${encodeURIComponent(name)}`,
      isMainPage: false,
    },
  };
}

/** A person's profile itself, including its CV tab (`/profile/<Name>/cv`). */
export function xingProfilePage(url: string): ProfileUrlInfo | null {
  const parsed = parseProfilePath(url);
  if (!parsed || !MAIN_TABS.has(parsed.tab)) return null;
  return { ...parsed.info, isMainPage: true };
}

export const xingProfilePageUrls: UrlShape[] = [
  { url: 'https://www.xing.com/profile/Lukas_Mustermeyer', key: 'xing:Lukas_Mustermeyer' },
  { url: 'http://www.xing.com/profile/Joerg_Probe2', key: 'xing:Joerg_Probe2' },
  { url: 'https://www.xing.com/profile/Joerg_Musterhaus', key: 'xing:Joerg_Musterhaus' },
  { url: 'https://www.xing.com/profile/Daniel_Probehamm2?sc_o=da980_e', key: 'xing:Daniel_Probehamm2' },
  { url: 'https://www.xing.com/profile/Daniel_Probehamm2/', key: 'xing:Daniel_Probehamm2' },
  { url: 'https://xing.com/profile/Daniel_Probehamm2#top', key: 'xing:Daniel_Probehamm2' },
  { url: 'xing.com/profile/Daniel_Probehamm2', key: 'xing:Daniel_Probehamm2' },
  { url: 'https://www.xing.com/profiles/Tobias_Beispieluhr7', key: 'xing:Tobias_Beispieluhr7' },
  { url: 'https://www.xing.com/profiles/Falk_Musterschmidt4', key: 'xing:Falk_Musterschmidt4' },
  // synthetic: real page names transliterate umlauts, but a percent-encoded one must still decode
  { url: 'https://www.xing.com/profile/J%C3%B6rg_M%C3%BCller', key: 'xing:Jörg_Müller' },
  // the CV tab serves the full profile (both XING fixtures were saved there)
  { url: 'https://www.xing.com/profile/John_Doe/cv', key: 'xing:John_Doe' },
  { url: 'https://www.xing.com/profile/KarlHeinz_Musterfeld/cv?sc_o=da980_e', key: 'xing:KarlHeinz_Musterfeld' },
  { url: 'https://www.xing.com/profile/Tim_Musterski2/cv', key: 'xing:Tim_Musterski2' },
  { url: 'https://www.xing.com/profile/Niklas_Probner4/cv', key: 'xing:Niklas_Probner4' },
  { url: 'https://www.xing.com/profile/Niklas_Probner4/cv/', key: 'xing:Niklas_Probner4' },
];

/** Other tabs of a person (`/portfolio`, `/web_profiles`, `/contacts`): same contact, not the main page. */
export function xingProfileSubPage(url: string): ProfileUrlInfo | null {
  const parsed = parseProfilePath(url);
  if (!parsed || MAIN_TABS.has(parsed.tab)) return null;
  return { ...parsed.info, isMainPage: false };
}

export const xingProfileSubPageUrls: UrlShape[] = [
  {
    url: 'https://www.xing.com/profile/AnneMarie_Beispiel407215/web_profiles?expandNeffi=true',
    key: 'xing:AnneMarie_Beispiel407215',
  },
  { url: 'https://www.xing.com/profile/Joerg_Beispielrode/portfolio', key: 'xing:Joerg_Beispielrode' },
  { url: 'https://www.xing.com/profile/Jan_Musterbraun2/web_profiles?expandNeffi=true', key: 'xing:Jan_Musterbraun2' },
  {
    url: 'https://www.xing.com/profile/Lena_Platzhalter/web_profiles?sc_o=navigation_profile_icon&sc_o_PropActionOrigin=navigation_neffi_50&expandNeffi=true',
    key: 'xing:Lena_Platzhalter',
  },
  {
    url: 'https://www.xing.com/profile/Sven_Musterhoefer518204/web_profiles?nwt_nav=profile',
    key: 'xing:Sven_Musterhoefer518204',
  },
  { url: 'https://www.xing.com/profile/_17/contacts', key: 'xing:_17' },
];

/** Any XING URL that shows a person: the profile or one of its tabs. */
export function profileFromXingUrl(url: string): ProfileUrlInfo | null {
  return xingProfilePage(url) ?? xingProfileSubPage(url);
}

/** XING URLs that are not a person's page: every detector above must reject them. */
export const xingNotProfileUrls: string[] = [
  'https://www.xing.com/pages/appleretaildeutschlandgmbh',
  'https://xing.com/pages/beispiel-gmbh',
  'https://www.xing.com/companies/arneckesibeth?sc_o=da980_e',
  'https://www.xing.com/companies',
  'https://www.xing.com/news/pages/handelszeitung-ch-1997?sc_o=da980_e',
  'https://www.xing.com/news',
  'https://www.xing.com/communities/groups/xing-community-1000150',
  'https://www.xing.com/communities/posts/whitepaper-kapitel-2-mit-xing-starten-1000992473',
  'https://www.xing.com/events/rechtsfragen-web-2-0-754139',
  'https://www.xing.com/jobs',
  'https://www.xing.com/jobs/search?keywords=x',
  'https://www.xing.com/people/',
  'https://www.xing.com/de/people/a',
  'https://www.xing.com/search/members?keywords=x',
  'https://www.xing.com/premium',
  'https://www.xing.com/upsell/projobs',
  'https://www.xing.com/projects',
  'https://www.xing.com/campus/',
  'https://www.xing.com/app/user?op=javascript_howto',
  'https://www.xing.com/profile/John_Doe/registrations/info?signup_channel=profileapp_header',
  'https://www.xing.com/profile/version/embedded/Joerg_Musterhaus/cv',
  'https://www.xing.com/profile/',
  'https://www.xing.com/profile',
  'https://www.xing.com/',
  // lookalike hosts and other tricks
  'https://xing.community/profile/John_Doe',
  'https://notxing.com/profile/John_Doe',
  'https://www.xing.com.evil.io/profile/John_Doe',
  'https://www.xing.com@evil.io/profile/John_Doe',
  'https://evil.io/www.xing.com/profile/John_Doe',
];
