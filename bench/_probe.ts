import { launchExtension, openExtensionPage, seedContact, panelFrame, readFixture } from '../tests/e2e/harness';
const ext = await launchExtension();
const opts = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
await seedContact(opts, { slug: 'jonas-beispiel-mustermann', name: 'Jonas Beispiel Mustermann', patch: { notes: 'BENCH NOTE 123' } });
await ext.context.addInitScript(() => {
  (window as any).__probe = { href: location.href, t: performance.timeOrigin + performance.now() };
});
ext.serve('https://www.linkedin.com/in/jonas-beispiel-mustermann/', readFixture('linkedin/loggedin-2024-07-voyager-jonas-beispiel-mustermann.full.html'));
const page = await ext.context.newPage();
await page.goto('https://www.linkedin.com/in/jonas-beispiel-mustermann/');
const f = await panelFrame(page);
await f.waitForFunction(() => !!document.querySelector('textarea'));
console.log('panel probe', await f.evaluate(() => (window as any).__probe));
console.log('page probe', await page.evaluate(() => (window as any).__probe));
console.log(await f.evaluate(() => document.querySelector('textarea')!.value));
await ext.close();
