/** The profile panel on XING: a content script on profile URLs, injected by the worker after a single-page navigation. */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { xing } from '../sites/xing';
import { runProfilePanel, type SkeletonBuilder } from './content/profile-panel';
import { definePart } from './content/parts';

export default defineUnlistedScript(() =>
  definePart('xing-profile', (ctx, load) => runProfilePanel(ctx, xing, () => load('xing-skeleton') as Promise<SkeletonBuilder>)),
);
