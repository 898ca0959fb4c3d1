import type { SiteModule } from '../types';
import { isXingHost, profileFromXingUrl } from './detect';
import { readXingProfile, xingTopCard } from './extract';

export const xing: SiteModule = {
  site: 'xing',
  isSiteHost: isXingHost,
  profileFromUrl: profileFromXingUrl,
  read: readXingProfile,
  topCard: xingTopCard,
};
