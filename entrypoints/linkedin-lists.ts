/** Badges in LinkedIn's person lists, injected by the worker when the router sees a list page. */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { profileFromLinkedInUrl } from '../sites/linkedin/detect';
import { linkedInHasPersonLists } from '../sites/linkedin/lists';
import { runListBadges } from './content/list-badges';
import { definePart } from './content/router';

export default defineUnlistedScript(() =>
  definePart('linkedin-lists', (ctx) =>
    runListBadges(ctx, { profileFromUrl: profileFromLinkedInUrl, hasPersonLists: linkedInHasPersonLists }),
  ),
);
