/** "Help fix this page" on Xing: loaded by the profile part only when the user asks for it. */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { xing } from '../sites/xing';
import { pageSkeleton } from '../sites/page-skeleton';
import type { SkeletonBuilder } from './content/profile-panel';
import { definePart } from './content/parts';

export default defineUnlistedScript(() =>
  definePart('xing-skeleton', (): SkeletonBuilder => (doc, url, version) => pageSkeleton(xing, doc, url, version)),
);
