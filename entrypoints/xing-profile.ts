/** The profile panel on XING, injected by the worker when the router sees a person's URL. */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { xing } from '../sites/xing';
import { runProfilePanel, type SkeletonBuilder } from './content/profile-panel';
import { definePart } from './content/router';

export default defineUnlistedScript(() =>
  definePart('xing-profile', (ctx, load) => runProfilePanel(ctx, xing, () => load('xing-skeleton') as Promise<SkeletonBuilder>)),
);
