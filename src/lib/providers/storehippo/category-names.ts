/**
 * StoreHippo products name their categories by alias (`"home-decor"`, platforms.md 2.3), and the
 * contract has no call that gives a category's display name, so the app shows a name made from
 * the alias ("Home decor") and sends the alias back when that name is filtered on. The names met
 * are remembered per store: a name two aliases share filters on both (`in` takes a list).
 */

/** A lower-case slug: what is turned into words. Anything else is shown as the store wrote it. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** What {@link categoryNameOf} makes of a slug, so a name not met yet can be turned back. */
const MADE_NAME = /^[A-Z0-9][a-z0-9]*(?: [a-z0-9]+)*$/;

/** `home-decor` -> `Home decor`; another spelling is kept as it is. */
export function categoryNameOf(alias: string): string {
  const text = alias.trim();
  if (!SLUG.test(text)) return text;
  return `${text.charAt(0).toUpperCase()}${text.slice(1).replaceAll('-', ' ')}`;
}

export class CategoryNames {
  readonly #aliases = new Map<string, string[]>();

  /** The name to show for `alias`, remembering which alias it came from. */
  nameOf(alias: string): string {
    const name = categoryNameOf(alias);
    const known = this.#aliases.get(name);
    if (known === undefined) this.#aliases.set(name, [alias.trim()]);
    else if (!known.includes(alias.trim())) known.push(alias.trim());
    return name;
  }

  /**
   * The aliases to filter on for a shown `name`: those met, else (a link opened before any product
   * named it) the slug the name may have been made from and the name itself.
   */
  aliasesOf(name: string): string[] {
    const text = name.trim();
    const known = this.#aliases.get(text);
    if (known !== undefined) return [...known];
    const slug = `${text.charAt(0).toLowerCase()}${text.slice(1).replaceAll(' ', '-')}`;
    return MADE_NAME.test(text) && slug !== text ? [slug, text] : [text];
  }
}
