/**
 * The profile panel on XING: a content script on profile URLs, injected by the worker after a single-page
 * navigation. The list badges come from the `xing-lists` part beside it (see linkedin-profile.ts).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { xing } from '../sites/xing';
import { definePart } from './content/parts';
import { runProfilePanel, type SkeletonBuilder } from './content/profile-panel';

export default defineUnlistedScript(() => {
  definePart('xing-profile', (ctx, load) => runProfilePanel(ctx, xing, () => load('xing-skeleton') as Promise<SkeletonBuilder>));
});
