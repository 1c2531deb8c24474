import type { Locator } from 'playwright-core';

/**
 * The dates (as the app prints them in the browser's en-US: "Jan 31, 2099") in the text of `scope`,
 * each with whether it sits on one line: measured on the text itself (a Range over the date, its line
 * boxes' tops), whatever the markup around it, so a date split across lines ("Jan 31," / "2099") shows.
 * The elements' text is read joined, as its nodes come ("Jun 30, 2030WELCOME10" across two cards).
 */
export async function datesOnLines(scope: Locator): Promise<{ dates: string[]; split: string[] }> {
  return scope.evaluateAll((elements) => {
    const dates: string[] = [];
    const split: string[] = [];
    for (const element of elements) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      /** The text node and offset of the `offset`th character of the element's text. */
      const at = (offset: number): [Text, number] => {
        let left = offset;
        for (const node of nodes) {
          if (left < node.length) return [node, left];
          left -= node.length;
        }
        const last = nodes.at(-1)!;
        return [last, last.length];
      };
      for (const match of nodes.map((node) => node.data).join('').matchAll(/(?<![A-Za-z])[A-Z][a-z]{2}\s\d{1,2},\s\d{4}(?!\d)/g)) {
        const range = document.createRange();
        range.setStart(...at(match.index));
        const [endNode, endOffset] = at(match.index + match[0].length - 1);
        range.setEnd(endNode, endOffset + 1);
        const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        dates.push(match[0]);
        if (tops.size !== 1) split.push(match[0]);
      }
    }
    return { dates, split };
  });
}
