/** The profile panel on LinkedIn: a content script on profile URLs, injected by the worker after a single-page navigation. */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { linkedin } from '../sites/linkedin';
import { runProfilePanel, type SkeletonBuilder } from './content/profile-panel';
import { definePart } from './content/parts';

export default defineUnlistedScript(() =>
  definePart('linkedin-profile', (ctx, load) =>
    runProfilePanel(ctx, linkedin, () => load('linkedin-skeleton') as Promise<SkeletonBuilder>),
  ),
);
