import type { SiteModule } from '../types';
import { isLinkedInHost, profileFromLinkedInUrl } from './detect';
import { linkedInTopCard, readLinkedInProfile } from './extract';

export const linkedin: SiteModule = {
  site: 'linkedin',
  isSiteHost: isLinkedInHost,
  profileFromUrl: profileFromLinkedInUrl,
  read: readLinkedInProfile,
  topCard: linkedInTopCard,
};
