/**
 * A person's name from the parts a store sends (a first and a last name), each trimmed, read as it is
 * written, first then last, the same for every platform; undefined where neither says anything.
 * (Shopware's Administration lists "last, first", for a grid sorted by surname: sw-order-list.)
 */
export function personName(first: string | undefined, last: string | undefined): string | undefined {
  const name = [first, last]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(' ');
  return name === '' ? undefined : name;
}
