/** The content script on LinkedIn pages: the shared panel logic with LinkedIn's readers only. */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { linkedin } from '../sites/linkedin';
import { LINKEDIN_MATCHES } from '../sites/matches';
import { CONTENT_SCRIPT_OPTIONS, runProfilePanel } from './content/profile-panel';

export default defineContentScript({
  ...CONTENT_SCRIPT_OPTIONS,
  matches: LINKEDIN_MATCHES,
  main: (ctx) => runProfilePanel(ctx, linkedin),
});
