import type { SiteModule } from '../types';
import { isXingHost, profileFromXingUrl } from './detect';
import { extractXing, xingPageShowsPerson } from './extract';

export const xing: SiteModule = {
  site: 'xing',
  isSiteHost: isXingHost,
  profileFromUrl: profileFromXingUrl,
  extract: extractXing,
  pageShowsPerson: xingPageShowsPerson,
};
