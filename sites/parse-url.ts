/**
 * URL parsing shared by the site detectors. Pure functions of a string: no `location`, no DOM.
 */

/** One row of a detector's table of real URL shapes: the URL as seen in the wild and the key it must give. */
export interface UrlShape {
  url: string;
  key: string;
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Parses a web URL the way people paste it: with or without scheme (`linkedin.com/in/handle`),
 * protocol-relative (`//www.xing.com/profile/…`). Only http(s); anything else is null.
 */
export function parseWebUrl(input: string): URL | null {
  let text = input.trim();
  if (!text) return null;
  if (text.startsWith('//')) text = `https:${text}`;
  else if (!HAS_SCHEME.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
}

/** Lowercased host name without the trailing dot of a fully qualified name (`www.linkedin.com.`). */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.$/, '');
}

/** True for `domain` itself and any subdomain of it; never for `domain.evil.io` or `notdomain`. */
export function isHostOf(hostname: string, domain: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === domain || host.endsWith(`.${domain}`);
}

/** Percent-decodes one path segment; null when the encoding is broken (`%E0%A4%A`). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
