/** Badges in LinkedIn's person lists, injected by the worker on list pages (search, My Network, the feed). */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { profileFromLinkedInUrl } from '../sites/linkedin/detect';
import { linkedInHasPersonLists } from '../sites/linkedin/lists';
import { runListBadges } from './content/list-badges';
import { definePart } from './content/parts';

export default defineUnlistedScript(() =>
  definePart('linkedin-lists', (ctx) =>
    runListBadges(ctx, { profileFromUrl: profileFromLinkedInUrl, hasPersonLists: linkedInHasPersonLists }),
  ),
);
