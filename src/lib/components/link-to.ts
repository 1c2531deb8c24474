/**
 * Points an `<a>` of the first screen at one of the app's routes. The address is set as the
 * element's `href` (the attribute reads exactly `hrefFor(route)`), not written `href={…}` in the
 * markup: a dynamic attribute compiles to Svelte's attribute runtime (with `<select>` values and
 * class lists: 1.5 KB gzip), which nothing else on the stores list needs, so every first visit
 * carried it for this one link. The store screens, which load it anyway, write `href={…}`.
 */
import type { Attachment } from 'svelte/attachments';
import { hrefFor, type Route } from '../state/routes.ts';

export function linkTo(route: Route): Attachment<HTMLAnchorElement> {
  return (anchor) => {
    anchor.href = hrefFor(route);
  };
}
