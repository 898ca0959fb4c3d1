/**
 * Reads a XING profile page. Selectors are arrays of fallbacks, most stable first, each naming the page
 * variant it serves: today's XING ID module (ids and `data-xds` design-system names; its classes are
 * hashed per build), schema.org microdata (2016 logged-out vcard), the 2017 logged-in vcard, the
 * 2019–2022 "malt" profile header (`data-qa` attributes), then any `main h1`, JSON-LD, `og:`/`profile:`
 * meta and `<title>`.
 */
import type { ProfileUrlInfo, ScrapedFields } from '../types';
import {
  attempt,
  cleanText,
  emptyFields,
  firstElement,
  firstText,
  jsonImageUrl,
  jsonLdPersonFor,
  jsonLocality,
  jsonText,
  metaReader,
  ownTextOf,
  photoFromUrl,
  photoOf,
  textOf,
  textWithout,
  type JsonObject,
} from '../read-page';
import { profileFromXingUrl } from './detect';

/** The profile's head today: `main#content > div#XingIdModule` (2020–21 `#profile-xingid-container`). */
const XING_ID = [
  // 2022–2026, logged in and logged out
  '#XingIdModule',
  // the same hero, by its design-system name
  '[data-xds="Hero"]',
  // 2020–21
  '#profile-xingid-container',
];
/** The membership flag (Basic, Premium, Moderator …) nests in the name's h1 as a button or badge. */
const MEMBERSHIP_FLAG = 'button, [role="button"], svg, [data-xds*="Flag"], [data-xds*="Badge"]';
/** The same flags when XING renders them as a plain span: only stripped when a child element holds exactly that word. */
const FLAG_WORD = /\s*(Basic|Premium|ProJobs|ProBusiness|Moderator(?:in)?|Ambassador|Insider)$/;

/** The paragraph beside a design-system icon (`svg[data-xds="IconJobs"]` + `<p>` in the same row). */
function besideIcon(root: ParentNode, icon: string): Element | null {
  let row = root.querySelector(`svg[data-xds="${icon}"]`)?.parentElement;
  for (let level = 0; row && level < 3; level++, row = row.parentElement) {
    const p = row.querySelector('p');
    if (p) return p;
  }
  return null;
}

/** The name in today's h1, without the membership flag nested inside it. */
function xingIdName(heading: Element | null): string | null {
  const name = textWithout(heading, MEMBERSHIP_FLAG);
  const flag = name ? FLAG_WORD.exec(name) : null;
  if (!name || !flag || !heading) return name;
  const children = heading.querySelectorAll('*');
  for (let i = 0; i < children.length && i < 10; i++) {
    if (textOf(children[i]) === flag[1]) return cleanText(name.slice(0, flag.index));
  }
  return name;
}

interface Occupation {
  headline: string | null;
  company: string | null;
}

/** "Leiter Einkauf, <strong>Musterteile GmbH</strong>": the job title, and the company in `<strong>`. */
function xingIdOccupation(module: Element | null): Occupation | null {
  const p = module ? besideIcon(module, 'IconJobs') : null;
  if (!p) return null;
  const company = textOf(p.querySelector('strong'));
  const all = textOf(p) ?? '';
  const title = company ? all.replace(company, '') : all;
  return { headline: cleanText(title.replace(/(?:[\s,·|–-]|\b(?:bei|at)\b)+$/, '')), company };
}

/** The vcard of the profile: 2017 logged-in `section#vcard`, 2016 logged-out `div.vcard#person`. */
const VCARD = ['#vcard', '.vcard'];

const NAME_HEADING = [
  // 2016 logged-out: schema.org Person microdata on the h1; badges ("Premium") may nest inside it
  'h1[itemprop="name"]',
];
const NAME = [
  // 2017 logged-in vcard
  '.component-user-name .user-name',
  // 2019–2022 profile header
  '[data-qa="malt-profile-display-name"]',
];
/** Current profile page: its one h1 in main (on the profile itself only; a tab's h1 may name the tab). */
const NAME_ON_MAIN_PAGE = ['main h1'];

const HEADLINE = [
  // 2016 logged-out
  '[itemprop="jobTitle"].job-title',
  // 2019–2022 profile header: "Job title, Company"
  '[data-qa="profile-occupation-work_experience"]',
  '[data-qa="profile-occupations"] p',
];
/** 2017 logged-in: the job title sits in the vcard; the CV tab below lists past titles with the same itemprop. */
const HEADLINE_IN_VCARD = ['[itemprop="jobTitle"]'];

const LOCATION = [
  // 2016 logged-out: schema.org PostalAddress inside worksFor, and its hCard twin
  '[itemprop="worksFor"] [itemprop="addressLocality"]',
  '.adr .locality',
  // 2019–2022 profile header
  '[data-qa="profile-location"] p',
  '[data-qa="profile-location"]',
];
const LOCATION_IN_VCARD = [
  // 2017 logged-in vcard
  '[itemprop="workLocation"]',
];

/** Logged-out visitors see "(Der Unternehmensname ist nur für eingeloggte Mitglieder sichtbar.)". */
const MASKED_COMPANY = ['.masked-company', '[data-logged-out-action="vcardCompanyName"]'];
const COMPANY_IN_VCARD = [
  // 2017 logged-in vcard
  '[itemprop="worksFor"] .company-name',
];

const PHOTO = [
  // today: the hero's profile image (the cover picture and the viewer's avatar are on the same host)
  '[data-xds="ProfileImage"] img[src*="profile-images.xing.com"]',
  '[data-xds="ProfileImage"] img',
  // 2017 logged-in vcard
  '.profile-image img.user-image',
  // 2016 logged-out vcard
  'img.user-image.photo',
];

/** XING's avatars for members without a photo (`nobody_m.256x256.jpg`, `nobody_f…`). */
function isXingPlaceholder(url: string): boolean {
  return /\/nobody_/i.test(url);
}

/** XING titles: "Name - Job - Company | XING", "Name – XING". */
export function nameFromXingTitle(title: string): string | null {
  const withoutSuffix = title.replace(/\s*[|–-]\s*XING\s*$/i, '');
  const name = cleanText(withoutSuffix.split(/\s+[-–|]\s+/)[0]);
  return name && !/^(?:xing|login|anmelden|registrieren|seite nicht gefunden|page not found)$/i.test(name) ? name : null;
}

export function isXingNotFoundPage(doc: Document): boolean {
  return /^(?:seite nicht gefunden|page not found|404\b)/i.test(doc.title.trim());
}

function readFields(doc: Document, info: ProfileUrlInfo): ScrapedFields | null {
  // XING renders the profile server-side: no stale top card to wait for, only a missing profile.
  if (isXingNotFoundPage(doc)) return null;
  const vcard = firstElement(doc, VCARD);
  const xingId = firstElement(doc, XING_ID);
  const occupation = attempt(() => xingIdOccupation(xingId));

  const meta = metaReader(doc);
  let jsonLdRead = false;
  let jsonLd: JsonObject | null = null;
  const person = (): JsonObject | null => {
    if (!jsonLdRead) {
      jsonLdRead = true;
      jsonLd = jsonLdPersonFor(doc, (url) => profileFromXingUrl(url)?.key ?? null, info.key);
    }
    return jsonLd;
  };

  const name = attempt(() => {
    const heading = firstElement(doc, NAME_HEADING);
    return (
      xingIdName(xingId?.querySelector('h1') ?? null) ??
      ownTextOf(heading) ??
      textOf(heading) ??
      firstText(doc, NAME) ??
      (info.isMainPage ? firstText(doc, NAME_ON_MAIN_PAGE) : null) ??
      cleanText([meta('profile:first_name'), meta('profile:last_name')].filter(Boolean).join(' ')) ??
      jsonText(person()?.name) ??
      nameFromXingTitle(meta('og:title') ?? '') ??
      nameFromXingTitle(doc.title)
    );
  });

  const headline = attempt(() => occupation?.headline ?? firstText(vcard, HEADLINE_IN_VCARD) ?? firstText(doc, HEADLINE));

  const location = attempt(
    () =>
      // today: "<strong>City</strong>, region" beside the location pin
      textOf(xingId ? besideIcon(xingId, 'IconLocationPin') : null) ??
      firstText(vcard, LOCATION_IN_VCARD) ??
      firstText(doc, LOCATION) ??
      jsonLocality(person() ?? {}),
  );

  const company = attempt(() => {
    if (firstElement(doc, MASKED_COMPANY)) return null;
    return occupation?.company ?? firstText(vcard, COMPANY_IN_VCARD) ?? jsonText(person()?.worksFor);
  });

  const photoUrl = attempt((): string | null => {
    const img = firstElement(xingId, PHOTO) ?? firstElement(doc, PHOTO);
    if (img) return photoOf(img, doc, isXingPlaceholder);
    return (
      photoFromUrl(jsonImageUrl(person()?.image), doc, isXingPlaceholder) ??
      photoFromUrl(meta('og:image'), doc, isXingPlaceholder)
    );
  });

  // XING pages expose no second key of the person that we could tie to them reliably.
  return { name, headline, company, location, photoUrl, aliases: [] };
}

export function readXingProfile(doc: Document, info: ProfileUrlInfo): ScrapedFields | null {
  try {
    return readFields(doc, info);
  } catch {
    return emptyFields();
  }
}

/** Today's XING ID module, else the old vcard. */
export function xingTopCard(doc: Document): Element | null {
  return firstElement(doc, XING_ID) ?? firstElement(doc, VCARD);
}
