/**
 * The profile panel on LinkedIn: a content script on profile URLs, injected by the worker after a single-page
 * navigation. The side lists ("People also viewed", …) get their badges from the `linkedin-lists` part, which
 * the worker injects beside it (background/content-routes.ts): the profile part stays well inside 9 KB.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { linkedin } from '../sites/linkedin';
import { definePart } from './content/parts';
import { runProfilePanel, type SkeletonBuilder } from './content/profile-panel';

export default defineUnlistedScript(() => {
  definePart('linkedin-profile', (ctx, load) =>
    runProfilePanel(ctx, linkedin, () => load('linkedin-skeleton') as Promise<SkeletonBuilder>),
  );
});
