/** Badges in XING's person lists, injected by the worker when the router sees a list page. */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { profileFromXingUrl } from '../sites/xing/detect';
import { xingHasPersonLists } from '../sites/xing/lists';
import { runListBadges } from './content/list-badges';
import { definePart } from './content/router';

export default defineUnlistedScript(() =>
  definePart('xing-lists', (ctx) =>
    runListBadges(ctx, { profileFromUrl: profileFromXingUrl, hasPersonLists: xingHasPersonLists }),
  ),
);
