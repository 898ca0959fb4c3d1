/**
 * The person's photo, loaded only from the site's own image host (the page itself already showed it):
 * anything else in a stored or scraped `photoUrl` is not loaded at all. The extension pages' CSP
 * (`img-src` in wxt.config.ts) enforces the same hosts once more.
 */
const IMAGE_HOSTS = [/^media\.licdn\.com$/, /^(?:[a-z0-9-]+\.)*licdn\.com$/, /^profile-images\.xing\.com$/];

/** The URL when it is an https image on LinkedIn's or XING's image host, else null. */
export function siteImageUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return null;
  return IMAGE_HOSTS.some((host) => host.test(parsed.hostname)) ? parsed.href : null;
}

export function PersonPhoto({ url }: { url: string | null | undefined }) {
  const src = siteImageUrl(url);
  if (!src) return null;
  // Decorative: the name beside it says who this is. No referrer, so the host learns nothing about us.
  return <img class="person-photo" src={src} alt="" width={48} height={48} referrerpolicy="no-referrer" decoding="async" />;
}
