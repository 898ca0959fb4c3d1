/** Badges in XING's person lists, injected by the worker on list pages (search, contacts). */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { profileFromXingUrl } from '../sites/xing/detect';
import { xingHasPersonLists } from '../sites/xing/lists';
import { runListBadges } from './content/list-badges';
import { definePart } from './content/parts';

export default defineUnlistedScript(() =>
  definePart('xing-lists', (ctx) =>
    runListBadges(ctx, { profileFromUrl: profileFromXingUrl, hasPersonLists: xingHasPersonLists }),
  ),
);
