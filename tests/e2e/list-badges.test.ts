/**
 * Issue 10: badges beside known people on LinkedIn's people search (the 2024 list fixture), in Chromium
 * with the built extension. Badges live in closed shadow roots: the test reads them from the browser's
 * accessibility tree (CDP), as assistive technology does, and checks from the page's own main world that
 * the page cannot tell known entries from the others.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  isoDaysAgo,
  launchExtension,
  linkedinProfileHtml,
  logTouch,
  openExtensionPage,
  readFixture,
  seedContact,
  sendMessage,
  spaNavigate,
  todayIso,
  waitUntil,
} from './harness';

const SEARCH_URL = 'https://www.linkedin.com/search/results/people/?keywords=musterwerk&origin=GLOBAL_SEARCH_HEADER';
const SEARCH_HTML = readFixture('lists/linkedin/search-people_2024-01_reusable-search_rows-x.html');
const FEED_URL = 'https://www.linkedin.com/feed/';
const FEED_HTML = readFixture('lists/linkedin/feed_2026-synthetic_hashed-articles.html');
/** a known person's badge; the blank mark every other entry gets is named "…: not in notebook" */
const LABEL = /^Kontaktpflege: (?!not in notebook)/;

interface SeenBadge {
  name: string;
  /** the first link of the list entry the badge sits in */
  person: string;
}

/** Every badge the accessibility tree shows, with the entry it belongs to (via the DOM, as the test may). */
async function badges(cdp: CDPSession): Promise<SeenBadge[]> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: Array<{ role?: { value?: string }; name?: { value?: string }; backendDOMNodeId?: number; ignored?: boolean }>;
  };
  const seen: SeenBadge[] = [];
  for (const node of nodes) {
    const name = node.name?.value ?? '';
    if (node.ignored || node.role?.value !== 'image' || !LABEL.test(name) || node.backendDOMNodeId === undefined) continue;
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId })) as {
      object: { objectId: string };
    };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration:
        // the badge sits right after the entry's link to its person
        'function () { return this.getRootNode().host.previousElementSibling.pathname; }',
      returnByValue: true,
    })) as { result: { value: string } };
    seen.push({ name, person: result.value });
  }
  return seen;
}

/** What the page itself can learn, run in its main world: the probe of the panel tests, widened to lists. */
async function pageProbe(page: Page) {
  return page.evaluate(async (html) => {
    // the page as the site sent it, to tell its own elements from added ones
    const original = new DOMParser().parseFromString(html, 'text/html');
    const liveItems = [...document.querySelectorAll('li.reusable-search__result-container')];
    const origItems = [...original.querySelectorAll('li.reusable-search__result-container')];
    const signature = (el: Element) => `${el.tagName}|${[...el.attributes].map((a) => `${a.name}=${a.value}`).join(',')}`;
    const entries = liveItems.map((li, i) => {
      const orig = origItems[i];
      const known = new Set([...(orig?.querySelectorAll('*') ?? [])].map(signature));
      const added = [...li.querySelectorAll('*')].filter((el) => !known.has(signature(el)));
      const range = document.createRange();
      range.selectNodeContents(li);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      const selected = (selection?.toString() ?? '').replace(/\s+/g, ' ').trim();
      return {
        person: li.querySelector('a[href]')?.getAttribute('href')?.split('?')[0] ?? '',
        addedCount: li.querySelectorAll('*').length - (orig?.querySelectorAll('*').length ?? 0),
        added: added.map((el) => {
          const box = el.getBoundingClientRect();
          return { html: el.outerHTML, width: box.width, height: box.height, openShadow: el.shadowRoot !== null };
        }),
        innerText: (li as HTMLElement).innerText,
        selectedEqualsText: selected === (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
      };
    });
    document.execCommand('selectAll');
    const all = getSelection()?.toString() ?? '';
    getSelection()?.removeAllRanges();
    const found = ['Kontaktpflege', 'no tier', 'not in notebook'].filter((text) => {
      getSelection()?.removeAllRanges();
      return (window as unknown as { find(text: string): boolean }).find(text);
    });
    return { entries, selectAllHasOurs: /Kontaktpflege/.test(all), found, bodyText: document.body.innerText };
  }, SEARCH_HTML);
}

describe('badges on LinkedIn people search', () => {
  let ext: ExtensionBrowser;
  let dbPage: Page;

  beforeAll(async () => {
    ext = await launchExtension();
    ext.serve('https://www.linkedin.com/search/results/people/', SEARCH_HTML);
    ext.serve(FEED_URL, FEED_HTML);
    // the same search page with everyone's slug changed: nobody on it is in the notebook
    ext.serve('https://www.linkedin.com/search/results/all/', SEARCH_HTML.replaceAll('linkedin.com/in/', 'linkedin.com/in/zz-'));
    dbPage = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    // Three of the ten people on the page are in the notebook: one due A, one B not due, one without tier.
    await seedContact(dbPage, { slug: 'nvorlage', name: 'Niklas Vorlage', patch: { tier: 'A', lastContactAt: isoDaysAgo(60) } });
    await seedContact(dbPage, {
      slug: 'jkaspar',
      name: 'Jürgen Kaspar Platzhalter',
      patch: { tier: 'B', lastContactAt: isoDaysAgo(1) },
    });
    await seedContact(dbPage, { slug: 'peter-fiktivmann-a38ac4f8', name: 'Peter Fiktivmann', patch: { tier: 'none' } });
    await seedContact(dbPage, {
      slug: 'scroll-person-1',
      name: 'Scroll Person',
      patch: { tier: 'C', lastContactAt: isoDaysAgo(1) },
    });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('gives exactly the three known people a badge with their tier and due state', async () => {
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await page.goto(SEARCH_URL);
    const seen = await waitUntil(
      () => badges(cdp),
      (b) => b.length >= 3,
      15_000,
      'three badges',
    );
    expect(seen).toEqual([
      { name: 'Kontaktpflege: A, due', person: '/in/nvorlage' },
      { name: 'Kontaktpflege: B', person: '/in/jkaspar' },
      { name: 'Kontaktpflege: no tier', person: '/in/peter-fiktivmann-a38ac4f8' },
    ]);
    await page.close();
  });

  it('privacy: the page cannot tell known entries from the others (DOM, sizes, innerText, selection, window.find)', async () => {
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await page.goto(SEARCH_URL);
    await waitUntil(
      () => badges(cdp),
      (b) => b.length >= 3,
      15_000,
      'three badges',
    );
    const probe = await pageProbe(page);
    expect(probe.entries).toHaveLength(10);
    // one added element per entry, the same markup and size everywhere, its shadow root closed
    expect(probe.entries.map((e) => e.addedCount)).toEqual(Array(10).fill(1));
    const first = probe.entries[0]?.added[0];
    expect(first?.width).toBeGreaterThan(0);
    for (const entry of probe.entries) {
      expect(entry.added).toEqual([first]);
      expect(entry.added[0]?.openShadow).toBe(false);
      expect(entry.innerText).not.toMatch(/Kontaktpflege/);
      // the selection holds exactly the page's own text: no tier letter of ours
      expect(entry.selectedEqualsText).toBe(true);
    }
    expect(probe.selectAllHasOurs).toBe(false);
    expect(probe.found).toEqual([]);
    expect(probe.bodyText).not.toMatch(/Kontaktpflege/);
    await page.close();
  });

  it('privacy: tabbing through the list stops at every entry alike, known or not (focus events, activeElement)', async () => {
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await page.goto(SEARCH_URL);
    await waitUntil(
      () => badges(cdp),
      (b) => b.length >= 3,
      15_000,
      'three badges',
    );
    // The page records, in its own world, every element of ours that takes focus and which entry it is in.
    await page.evaluate(() => {
      const items = [...document.querySelectorAll('li.reusable-search__result-container')];
      const log: number[] = [];
      (window as unknown as { focusLog: number[] }).focusLog = log;
      document.addEventListener('focusin', (event) => {
        const el = event.target as Element;
        if (el.tagName === 'SPAN' && el.getAttribute('style')?.includes('all:initial')) {
          const li = el.closest('li');
          log.push(li ? items.indexOf(li) : -1);
        }
      });
      (document.activeElement as HTMLElement | null)?.blur();
    });
    const focusLog = () => page.evaluate(() => (window as unknown as { focusLog: number[] }).focusLog);
    // Tab on until the last entry's mark was reached (the page's own links sit between them)
    for (let i = 0; i < 400 && !(await focusLog()).includes(9); i++) await page.keyboard.press('Tab');
    const log = await focusLog();
    // every one of the ten entries' marks took focus exactly once, in order: known and unknown alike
    expect(log.slice(0, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await page.close();
  });

  it('follows infinite scroll: appended entries get badges, the others none', async () => {
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await page.goto(SEARCH_URL);
    await waitUntil(
      () => badges(cdp),
      (b) => b.length >= 3,
      15_000,
      'three badges',
    );
    await page.evaluate(() => {
      const list = document.querySelector('ul.reusable-search__entity-result-list');
      const template = document.querySelector('li.reusable-search__result-container');
      if (!list || !template) throw new Error('no list');
      for (const slug of ['scroll-person-1', 'scroll-stranger-2']) {
        const li = template.cloneNode(true) as HTMLElement;
        // drop anything an extension added to the template, as a fresh render would not have it
        for (const el of li.querySelectorAll('span[style]')) el.remove();
        for (const a of li.querySelectorAll('a[href*="/in/nvorlage"]'))
          a.setAttribute('href', `https://www.linkedin.com/in/${slug}/`);
        list.append(li);
      }
    });
    const seen = await waitUntil(
      () => badges(cdp),
      (b) => b.length >= 4,
      15_000,
      'a badge on the appended entry',
    );
    expect(seen.map((b) => b.person)).toEqual([
      '/in/nvorlage',
      '/in/jkaspar',
      '/in/peter-fiktivmann-a38ac4f8',
      '/in/scroll-person-1/',
    ]);
    expect(seen[3]?.name).toBe('Kontaktpflege: C');
    await page.close();
  });

  it('SPA navigation search → profile → back keeps the badges on the right people, once each', async () => {
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await page.goto(SEARCH_URL);
    await waitUntil(
      () => badges(cdp),
      (b) => b.length >= 3,
      15_000,
      'three badges',
    );
    await spaNavigate(
      page,
      'https://www.linkedin.com/in/someone-else-2b3c4d/',
      linkedinProfileHtml('someone-else-2b3c4d', 'Someone Else'),
    );
    await waitUntil(
      () => badges(cdp),
      (b) => b.length === 0,
      10_000,
      'no list badges on the profile',
    );
    // back: LinkedIn renders the list again from its own state, with fresh elements
    await spaNavigate(page, SEARCH_URL, SEARCH_HTML);
    const seen = await waitUntil(
      () => badges(cdp),
      (b) => b.length >= 3,
      15_000,
      'badges again',
    );
    await page.waitForTimeout(300); // a second scan must not add duplicates
    expect(await badges(cdp)).toEqual(seen);
    expect(seen.map((b) => `${b.person} ${b.name}`)).toEqual([
      '/in/nvorlage Kontaktpflege: A, due',
      '/in/jkaspar Kontaktpflege: B',
      '/in/peter-fiktivmann-a38ac4f8 Kontaktpflege: no tier',
    ]);
    await page.close();
  });
  it('badges the authors of feed posts and comments, not the liker in a header nor people mentioned', async () => {
    await seedContact(dbPage, { slug: 'jana-beispielfrau', name: 'Jana Beispielfrau', patch: { tier: 'A' } });
    await seedContact(dbPage, { slug: 'bernd-folgt', name: 'Bernd Folgt', patch: { tier: 'B', lastContactAt: isoDaysAgo(1) } });
    await seedContact(dbPage, { slug: 'anna-liker', name: 'Anna Liker', patch: { tier: 'A' } });
    await seedContact(dbPage, { slug: 'tom-erwaehnt', name: 'Tom Erwähnt', patch: { tier: 'C' } });
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await page.goto(FEED_URL);
    const seen = await waitUntil(
      () => badges(cdp),
      (b) => b.length >= 3,
      15_000,
      'badges on the feed',
    );
    await page.waitForTimeout(300); // nothing more comes
    expect((await badges(cdp)).length).toBe(seen.length);
    // Jana's post and her reply to a comment, Bernd's comment on a company post; Anna (header) and Tom (mention) none
    expect(seen.map((b) => `${b.person} ${b.name}`).sort()).toEqual([
      '/in/bernd-folgt/ Kontaktpflege: B',
      '/in/jana-beispielfrau Kontaktpflege: A',
      '/in/jana-beispielfrau/ Kontaktpflege: A',
    ]);
    // one host per author entry (eight), known or not
    expect(await page.evaluate(() => document.querySelectorAll('span[style^="all:initial"]').length)).toBe(8);
    await page.close();
  });

  it('privacy: what the page can observe (events of any name it knows, mutations) is the same with and without known people', async () => {
    const record = async (url: string) => {
      const page = await ext.context.newPage();
      const cdp = await ext.context.newCDPSession(page);
      // The page knows the extension's id (it is public) and so every event name WXT could use; it also
      // watches the whole document for mutations.
      await page.addInitScript((id: string) => {
        const log: string[] = [];
        (window as unknown as { kpLog: string[] }).kpLog = log;
        for (const part of ['kontaktpflege', 'linkedin-lists', 'linkedin-profile']) {
          for (const name of ['wxt:content-script-started', 'wxt:locationchange']) {
            const type = `${id}:${part}:${name}`;
            for (const target of [window, document]) {
              target.addEventListener(type, (event) => {
                const detail = (event as CustomEvent).detail;
                log.push(`${target === window ? 'window' : 'document'} ${name} ${part} detail=${JSON.stringify(detail ?? null)}`);
              });
            }
          }
        }
        addEventListener('message', (event) => log.push(`message ${JSON.stringify(event.data)}`));
        new MutationObserver((records) => {
          for (const r of records)
            log.push(
              `mutation ${r.type} ${(r.target as Element).tagName ?? '#text'} ${r.attributeName ?? ''} +${[...r.addedNodes].map((n) => n.nodeName).join(',')} -${r.removedNodes.length}`,
            );
        }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      }, ext.extensionId);
      await page.goto(url);
      await waitUntil(
        () => page.evaluate(() => document.querySelectorAll('span[style^="all:initial"]').length),
        (n) => n === 10,
        15_000,
        'ten hosts',
      );
      await page.waitForTimeout(1000); // the answers are in and painted (on the known page: three badges)
      const known = (await badges(cdp)).length;
      const log = await page.evaluate(() => (window as unknown as { kpLog: string[] }).kpLog);
      await page.close();
      return { known, log };
    };
    const withKnown = await record(SEARCH_URL);
    const withoutKnown = await record('https://www.linkedin.com/search/results/all/?keywords=nobody');
    expect(withKnown.known).toBeGreaterThanOrEqual(3);
    expect(withoutKnown.known).toBe(0);
    expect(withKnown.log).toEqual(withoutKnown.log);
  });

  it('badges the side list of a profile page ("People also viewed") once the page is loaded and idle', async () => {
    const url = 'https://www.linkedin.com/in/kasparvorlagenhof/';
    ext.serve(
      url,
      readFixture('lists/linkedin/profile-people-also-viewed-pymk_2022-03_singlefile_scrape-linkedin-selenium.html'),
    );
    await seedContact(dbPage, {
      slug: 'jost-tobelmann-4274e9a8',
      name: 'Jost Tobelmann',
      patch: { tier: 'B', lastContactAt: isoDaysAgo(1) },
    });
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await page.goto(url);
    const seen = await waitUntil(
      () => badges(cdp),
      (b) => b.length >= 1,
      15_000,
      'a badge in the side list',
    );
    expect(seen).toEqual([{ name: 'Kontaktpflege: B', person: '/in/jost-tobelmann-4274e9a8/' }]);
    await page.close();
  });

  // Last: it changes the notebook the other tests read.
  it('follows edits made elsewhere without a reload: a tier set in the dashboard, a touch, a person added', async () => {
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await page.goto(SEARCH_URL);
    await waitUntil(
      () => badges(cdp),
      (b) => b.length >= 3,
      15_000,
      'three badges',
    );
    const shown = async () => (await badges(cdp)).map((b) => `${b.person} ${b.name}`);
    const hostsBefore = await page.evaluate(() => document.querySelectorAll('span[style^="all:initial"]').length);

    // the tier radio in the dashboard's detail, as the user sets it
    const detail = await openExtensionPage(
      ext.context,
      ext.extensionId,
      `options.html#contact=${encodeURIComponent('linkedin:jkaspar')}`,
    );
    await detail.getByRole('radiogroup', { name: 'Tier' }).getByRole('radio', { name: 'A', exact: true }).check();
    await waitUntil(shown, (b) => b.includes('/in/jkaspar Kontaktpflege: A'), 10_000, 'the new tier on the list');

    // "Contacted today" for the due A: the due marker goes
    await logTouch(dbPage, 'linkedin:nvorlage', { date: todayIso() });
    await waitUntil(shown, (b) => b.includes('/in/nvorlage Kontaktpflege: A'), 10_000, 'no longer due on the list');

    // a person of the list added to the notebook (as the panel does) gets a badge
    await seedContact(dbPage, { slug: 'bprobe', name: 'Bernd Ober-Muster Probe', patch: { tier: 'C' } });
    await waitUntil(shown, (b) => b.includes('/in/bprobe Kontaktpflege: C'), 10_000, 'a badge for the added person');
    await sendMessage(dbPage, { type: 'panel/update-contact', key: 'linkedin:jkaspar', patch: { tier: 'none' } });
    await waitUntil(shown, (b) => b.includes('/in/jkaspar Kontaktpflege: no tier'), 10_000, 'tier none on the list');

    expect(await shown()).toEqual([
      '/in/nvorlage Kontaktpflege: A',
      '/in/jkaspar Kontaktpflege: no tier',
      '/in/bprobe Kontaktpflege: C',
      '/in/peter-fiktivmann-a38ac4f8 Kontaktpflege: no tier',
    ]);
    // the page saw no host come or go: the same uniform hosts, known or not, before and after
    expect(await page.evaluate(() => document.querySelectorAll('span[style^="all:initial"]').length)).toBe(hostsBefore);
    await detail.close();
    await page.close();
  });
});
