/**
 * Reads a XING profile page. Selectors are arrays of fallbacks, most stable first, each naming the page
 * variant it serves: schema.org microdata (2016 logged-out vcard), the 2017 logged-in vcard, the
 * 2019–2022 "malt" profile header (`data-qa` attributes), then the current page's structure (`main h1`),
 * JSON-LD, `og:`/`profile:` meta and `<title>`.
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
  type JsonObject,
} from '../read-page';
import { profileFromXingUrl } from './detect';

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

  const headline = attempt(() => firstText(vcard, HEADLINE_IN_VCARD) ?? firstText(doc, HEADLINE));

  const location = attempt(() => firstText(vcard, LOCATION_IN_VCARD) ?? firstText(doc, LOCATION) ?? jsonLocality(person() ?? {}));

  const company = attempt(() => {
    if (firstElement(doc, MASKED_COMPANY)) return null;
    return firstText(vcard, COMPANY_IN_VCARD) ?? jsonText(person()?.worksFor);
  });

  const photoUrl = attempt((): string | null => {
    const img = firstElement(doc, PHOTO);
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
