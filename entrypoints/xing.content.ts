/** The content script on XING pages: the shared panel logic with XING's readers only. */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { xing } from '../sites/xing';
import { XING_MATCHES } from '../sites/matches';
import { CONTENT_SCRIPT_OPTIONS, runProfilePanel } from './content/profile-panel';

export default defineContentScript({
  ...CONTENT_SCRIPT_OPTIONS,
  matches: XING_MATCHES,
  main: (ctx) => runProfilePanel(ctx, xing),
});
