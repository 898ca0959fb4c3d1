import type { SiteModule } from '../types';
import { isLinkedInHost, profileFromLinkedInUrl } from './detect';
import { extractLinkedIn, linkedInPageShowsPerson } from './extract';

export const linkedin: SiteModule = {
  site: 'linkedin',
  isSiteHost: isLinkedInHost,
  profileFromUrl: profileFromLinkedInUrl,
  extract: extractLinkedIn,
  pageShowsPerson: linkedInPageShowsPerson,
};
