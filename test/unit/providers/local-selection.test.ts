import { describe, expect, it } from 'vitest';
import { hasEveryWord, searchWords } from '../../../src/lib/providers/local-selection.ts';

describe('searchWords and hasEveryWord (the local search of FlickRocket and Foxy)', () => {
  it('takes the words typed, lower-cased, without the quotes around them; nothing typed is no words', () => {
    expect(searchWords('  Blue   COPPER ')).toEqual(['blue', 'copper']);
    expect(searchWords('"Blue Copper"')).toEqual(['blue', 'copper']);
    expect(searchWords('\u201CBlue\u201D \u00ABCopper\u00BB \'moby\'')).toEqual(['blue', 'copper', 'moby']);
    expect(searchWords('mug (LARGE)')).toEqual(['mug', '(large)']);
    expect(searchWords("O'Brien's")).toEqual(["o'brien's"]);
    expect(searchWords('""')).toEqual([]);
    expect(searchWords(undefined)).toEqual([]);
  });

  it('matches a text holding every word, in any order; one word missing is no match', () => {
    const text = 'blue copper 1139';
    expect(hasEveryWord(text, searchWords('copper blue'))).toBe(true);
    expect(hasEveryWord(text, searchWords('"Blue Copper"'))).toBe(true);
    expect(hasEveryWord(text, searchWords('cop 113'))).toBe(true);
    expect(hasEveryWord(text, searchWords('blue zzz'))).toBe(false);
    expect(hasEveryWord(text, searchWords('🎬'))).toBe(false);
    expect(hasEveryWord(text, [])).toBe(true);
  });
});
