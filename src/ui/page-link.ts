/** The share link the page was opened with, and whether it is the default view the build prerendered. */
import { toShareHash, parseShareLink, type ParsedLink } from '../model/url-state';

/** The link in the address bar (query string and hash; the hash wins). */
export function readPageLink(): ParsedLink {
  return parseShareLink(window.location.search, window.location.hash);
}

/**
 * A link that opens the default configuration with nothing to complain about: the view index.html holds
 * prerendered, so the page can hydrate it. toShareHash writes only values that differ from the defaults.
 */
export function isDefaultLink(link: ParsedLink): boolean {
  return toShareHash(link.config) === '' && Object.keys(link.linkErrors).length === 0;
}
