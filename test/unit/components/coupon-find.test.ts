/**
 * Finding one coupon among many (coupon-find.ts): by code, another code or name, case-insensitive, over
 * what was read; and the words said beside the field.
 */
import { describe, expect, it } from 'vitest';
import { FIND_FROM, ROWS_PAGE, findCoupons, findWords, foundWords, noneFoundWords, showMoreWords } from '../../../src/lib/components/coupon-find.ts';

const COUPONS = [
  { code: 'SPRING10', otherCodes: ['SPRING10B'], name: 'Spring 10%' },
  { code: 'FIVEOFF', name: 'Five off' },
  { code: 'BULK' },
  { code: 'خصم-10', name: 'عرض' },
];
const codes = (typed: string) => findCoupons(COUPONS, typed).map((c) => c.code);

describe('findCoupons', () => {
  it('matches the code, another of its codes, or the name, whatever the case, in the order given', () => {
    expect(codes('spring')).toEqual(['SPRING10']);
    expect(codes('10b')).toEqual(['SPRING10']);
    expect(codes('OFF')).toEqual(['FIVEOFF']);
    expect(codes('five OFF')).toEqual(['FIVEOFF']);
    expect(codes('10')).toEqual(['SPRING10', 'خصم-10']);
    expect(codes('عرض')).toEqual(['خصم-10']);
  });

  it('spaces around or between the words do not count; nothing typed finds every coupon', () => {
    expect(codes('  five   off ')).toEqual(['FIVEOFF']);
    expect(findWords('  Five   OFF ')).toBe('five off');
    expect(codes('')).toEqual(COUPONS.map((c) => c.code));
    expect(codes('   ')).toEqual(COUPONS.map((c) => c.code));
    expect(codes('nothing like it')).toEqual([]);
  });
});

describe('the words beside the field', () => {
  it('counts what is found of all read, and says when fewer are drawn', () => {
    expect(foundWords(1000, 1000, '', 100)).toBe('1,000 coupons, showing the first 100.');
    expect(foundWords(12, 1000, 'extra 1', 12)).toBe('12 of 1,000 coupons.');
    expect(foundWords(111, 1000, 'extra', 100)).toBe('111 of 1,000 coupons, showing the first 100.');
    expect(foundWords(1, 1, 'x', 1)).toBe('1 of 1 coupon.');
  });

  it('says plainly when nothing has the words typed, with the words, a right-to-left one isolated', () => {
    expect(noneFoundWords(' ZZTOP ')).toBe('No coupon here has “ZZTOP” in its code or name.');
    expect(noneFoundWords('خصم')).toBe('No coupon here has “\u2068خصم\u2069” in its code or name.');
  });

  it('Show more names how many it adds: a page, or those left', () => {
    expect(showMoreWords(100, 1000)).toBe(`Show ${ROWS_PAGE} more`);
    expect(showMoreWords(900, 937)).toBe('Show 37 more');
    expect(FIND_FROM).toBe(21);
  });
});
