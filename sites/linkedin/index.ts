import type { SiteModule } from '../types';
import { linkedInHasPersonLists } from './lists';
import { isLinkedInHost, profileFromLinkedInUrl } from './detect';
import { linkedInTopCard, readLinkedInProfile } from './extract';

export const linkedin: SiteModule = {
  site: 'linkedin',
  isSiteHost: isLinkedInHost,
  profileFromUrl: profileFromLinkedInUrl,
  read: readLinkedInProfile,
  hasPersonLists: linkedInHasPersonLists,
  topCard: linkedInTopCard,
};
