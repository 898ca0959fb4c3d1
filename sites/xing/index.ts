import type { SiteModule } from '../types';
import { xingHasPersonLists } from './lists';
import { isXingHost, profileFromXingUrl } from './detect';
import { readXingProfile, xingTopCard } from './extract';

export const xing: SiteModule = {
  site: 'xing',
  isSiteHost: isXingHost,
  profileFromUrl: profileFromXingUrl,
  read: readXingProfile,
  hasPersonLists: xingHasPersonLists,
  topCard: xingTopCard,
};
