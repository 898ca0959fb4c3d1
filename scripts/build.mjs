// `npm run build`: installs what is missing, builds Chrome (MV3) and Firefox, and zips both for the stores.
import { readFileSync } from 'node:fs';
import { ensureDependencies, run } from './ensure-deps.mjs';

ensureDependencies();
run('npx wxt zip');
run('npx wxt zip -b firefox');

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
console.log(`
Built Kontaktpflege ${version}:
  Chrome / Edge (unpacked): .output/chrome-mv3/
  Firefox (unpacked):       .output/firefox-mv3/
  Chrome Web Store zip:     .output/${name}-${version}-chrome.zip
  Firefox Add-ons zip:      .output/${name}-${version}-firefox.zip (sources: .output/${name}-${version}-sources.zip)
Load it in Chrome: chrome://extensions → Developer mode → Load unpacked → choose .output/chrome-mv3`);
