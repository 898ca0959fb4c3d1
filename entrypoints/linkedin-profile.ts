/** The profile panel on LinkedIn, injected by the worker when the router sees a person's URL. */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { linkedin } from '../sites/linkedin';
import { runProfilePanel, type SkeletonBuilder } from './content/profile-panel';
import { definePart } from './content/router';

export default defineUnlistedScript(() =>
  definePart('linkedin-profile', (ctx, load) =>
    runProfilePanel(ctx, linkedin, () => load('linkedin-skeleton') as Promise<SkeletonBuilder>),
  ),
);
