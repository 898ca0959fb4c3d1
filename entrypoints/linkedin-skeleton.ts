/** "Help fix this page" on Linkedin: loaded by the profile part only when the user asks for it. */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { linkedin } from '../sites/linkedin';
import { pageSkeleton } from '../sites/page-skeleton';
import type { SkeletonBuilder } from './content/profile-panel';
import { definePart } from './content/parts';

export default defineUnlistedScript(() =>
  definePart('linkedin-skeleton', (): SkeletonBuilder => (doc, url, version) => pageSkeleton(linkedin, doc, url, version)),
);
