/** Which XING pages show lists of people: a pure function of the URL. */
import { hostOf, parseWebUrl } from '../parse-url';
import { isXingHost, profileFromXingUrl } from './detect';

const LIST_PATHS: readonly RegExp[] = [
  /^\/search\/(?:members|people)(?:\/|$)/, // member search
  /^\/(?:app\/)?contacts(?:\/|$)/, // the user's contacts
  /^\/network(?:\/|$)/, // "Netzwerk": contacts, requests, suggestions
  /^\/(?:de\/|en\/)?people(?:\/|$)/, // the people directory
  /^\/events\/[^/]+/, // an event and its participants
];

export function xingHasPersonLists(url: string): boolean {
  const parsed = parseWebUrl(url);
  if (!parsed || !isXingHost(hostOf(parsed))) return false;
  // A profile's tabs include its contacts (`/profile/<Name>/contacts`) and "Who else was visited".
  if (profileFromXingUrl(url)) return true;
  return LIST_PATHS.some((re) => re.test(parsed.pathname));
}

export const xingListPageUrls: string[] = [
  'https://www.xing.com/search/members?keywords=x',
  'https://www.xing.com/search/people?keywords=anna',
  'https://www.xing.com/contacts',
  'https://www.xing.com/app/contacts',
  'https://www.xing.com/network/contacts',
  'https://www.xing.com/profile/_17/contacts',
  'https://www.xing.com/profile/Lukas_Mustermeyer',
  'https://www.xing.com/de/people/a',
  'https://www.xing.com/events/rechtsfragen-web-2-0-754139',
];

export const xingNoListPageUrls: string[] = [
  'https://www.xing.com/jobs/search?keywords=x',
  'https://www.xing.com/news',
  'https://www.xing.com/pages/appleretaildeutschlandgmbh',
  'https://www.xing.com/settings',
  'https://xing.community/search/members',
];
