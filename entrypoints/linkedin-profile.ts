/**
 * The profile panel on LinkedIn: a content script on profile URLs, injected by the worker after a single-page
 * navigation. It carries the list badges too (the side lists "People also viewed", …), defined as the
 * `linkedin-lists` part so the worker never injects that part again here: one file, within the 9 KB budget.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { linkedin } from '../sites/linkedin';
import { runListBadges } from './content/list-badges';
import { definePart } from './content/parts';
import { runProfilePanel, type SkeletonBuilder } from './content/profile-panel';

export default defineUnlistedScript(() => {
  definePart('linkedin-profile', (ctx, load) =>
    runProfilePanel(ctx, linkedin, () => load('linkedin-skeleton') as Promise<SkeletonBuilder>),
  );
  definePart('linkedin-lists', (ctx) => runListBadges(ctx, linkedin));
});
