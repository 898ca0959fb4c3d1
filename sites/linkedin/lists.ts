/**
 * Which LinkedIn pages show lists of people: a pure function of the URL, so the content script does
 * nothing at all on the others (messaging, jobs, learning, settings …).
 */
import { hostOf, parseWebUrl } from '../parse-url';
import { isLinkedInHost, profileFromLinkedInUrl } from './detect';

const LIST_PATHS: readonly RegExp[] = [
  /^\/search\/results\/(?:people|all)\/?$/, // people search, and "All" results with their people cluster
  /^\/mynetwork(?:\/|$)/, // My Network, connections, invitations, "People you may know"
  /^\/(?:company|school|showcase)\/[^/]+\/people\/?$/, // a company's or school's People tab
  /^\/events\/[^/]+/, // an event and its attendees
  /^\/feed(?:\/|$)/, // the feed: authors of posts and comments; a post's reactions
  /^\/posts\/[^/]+/, // one post: its author, comments and reactions
  /^\/groups\/[^/]+\/members\/?$/,
];

export function linkedInHasPersonLists(url: string): boolean {
  const parsed = parseWebUrl(url);
  if (!parsed || !isLinkedInHost(hostOf(parsed))) return false;
  // Profiles and their sub-pages have side lists ("People also viewed", "More profiles for you").
  if (profileFromLinkedInUrl(url)) return true;
  return LIST_PATHS.some((re) => re.test(parsed.pathname));
}

export const linkedInListPageUrls: string[] = [
  'https://www.linkedin.com/search/results/people/?keywords=musterwerk&origin=GLOBAL_SEARCH_HEADER',
  'https://www.linkedin.com/search/results/all/?keywords=anna',
  'https://www.linkedin.com/mynetwork/',
  'https://www.linkedin.com/mynetwork/invite-connect/connections/',
  'https://www.linkedin.com/mynetwork/grow/',
  'https://www.linkedin.com/company/audiense/people/',
  'https://www.linkedin.com/school/kth/people/',
  'https://www.linkedin.com/events/7000000000000000001/',
  'https://www.linkedin.com/events/7000000000000000001/attendees/',
  'https://www.linkedin.com/feed/',
  'https://www.linkedin.com/feed/update/urn:li:activity:7000000000000000001/',
  'https://www.linkedin.com/posts/jan-beispiel-3c8d1e27b_js-yup-formik-activity-7000000000000000001-ABCD',
  'https://www.linkedin.com/in/kasparvorlagenhof/',
  'https://de.linkedin.com/in/paulmusterberg42',
  'https://www.linkedin.com/in/simonbeispielhahn/details/experience/',
  'https://www.linkedin.com/groups/12345/members/',
];

export const linkedInNoListPageUrls: string[] = [
  'https://www.linkedin.com/messaging/',
  'https://www.linkedin.com/jobs/view/3900000000/',
  'https://www.linkedin.com/search/results/companies/?keywords=x',
  'https://www.linkedin.com/company/audiense/',
  'https://www.linkedin.com/learning/',
  'https://www.linkedin.com/notifications/',
  'https://www.linkedin.com/settings/',
  'https://www.linkedin.com/sales/search/people?query=x',
  'https://linkedin.com.evil.io/search/results/people/',
];
