import { describe, expect, it } from 'vitest';
import { notListedWords } from '../../../src/lib/components/coupons-not-listed.ts';
import type { NotListedPromotion, NotListedReason } from '../../../src/lib/domain/catalog.ts';

const p = (name: string, reason: NotListedReason): NotListedPromotion => ({ name, reason });

describe('notListedWords', () => {
  it('says nothing when no promotion is left out', () => {
    expect(notListedWords([])).toBeNull();
  });

  it('counts the promotions left out, and says each reason once with its names, individual codes first, kept in the admin the screen names above (regression: its path said a second time)', () => {
    const words = notListedWords([p('Winter 20 %', 'inactive'), p('Automatic free delivery', 'automatic'), p('Newsletter codes', 'individualCodes')]);
    expect(words).toEqual({
      lead: '3 promotions are not listed here:',
      lines: [
        '1 uses individual codes, a single-use code for each shopper: “Newsletter codes”. Its codes are listed in the admin named above.',
        '1 applies by itself in the cart, without a code: “Automatic free delivery”.',
        '1 is switched off: “Winter 20 %”.',
      ],
    });
  });

  it('speaks of one promotion and of several, names at most three and counts the rest', () => {
    expect(notListedWords([p('Spring', 'noCode')])).toEqual({ lead: '1 promotion is not listed here:', lines: ['1 takes codes but has none set: “Spring”.'] });
    expect(notListedWords([p('A', 'automatic'), p('B', 'automatic')])!.lines).toEqual(['2 apply by themselves in the cart, without a code: “A” and “B”.']);
    expect(notListedWords([p('A', 'individualCodes'), p('B', 'individualCodes')])!.lines).toEqual(['2 use individual codes, a single-use code for each shopper: “A” and “B”. Their codes are listed in the admin named above.']);
    expect(notListedWords(['A', 'B', 'C'].map((n) => p(n, 'inactive')))!.lines).toEqual(['3 are switched off: “A”, “B” and “C”.']);
    expect(notListedWords(['A', 'B', 'C', 'D', 'E'].map((n) => p(n, 'inactive')))!.lines).toEqual(['5 are switched off: “A”, “B”, “C” and 2 more.']);
  });

  it('StoreHippo and Foxy: counts coupons, not promotions; says a coupon not enabled, and one without codes with where codes are added (both were left out without a word)', () => {
    expect(notListedWords([p('OLDSALE', 'disabled')])).toEqual({
      lead: '1 coupon is not listed here:',
      lines: ['1 is not enabled: “OLDSALE”.'],
    });
    expect(notListedWords([p('A', 'disabled'), p('B', 'disabled')])).toEqual({ lead: '2 coupons are not listed here:', lines: ['2 are not enabled: “A” and “B”.'] });
    expect(notListedWords([p('No codes yet', 'noCodes')])).toEqual({
      lead: '1 coupon is not listed here:',
      lines: ['1 has no codes yet: “No codes yet”. Codes are added to a coupon in the admin named above.'],
    });
    expect(notListedWords([p('A', 'noCodes'), p('', 'noCodes')])!.lines).toEqual([
      '2 have no codes yet: “A” and one without a name. Codes are added to a coupon in the admin named above.',
    ]);
  });

  it('Foxy: an auto-apply coupon without codes is said to apply by itself, not to have no codes yet (regression: “has no codes yet”, untrue of it)', () => {
    expect(notListedWords([p('No codes yet', 'noCodes'), p('Members 10%', 'autoApply')])).toEqual({
      lead: '2 coupons are not listed here:',
      lines: [
        '1 has no codes yet: “No codes yet”. Codes are added to a coupon in the admin named above.',
        '1 applies by itself to the customers or subscriptions it is set for, without a code: “Members 10%”.',
      ],
    });
    expect(notListedWords([p('A', 'autoApply'), p('B', 'autoApply')])!.lines).toEqual(['2 apply by themselves to the customers or subscriptions they are set for, without a code: “A” and “B”.']);
  });

  it('counts the promotions past the pages read, the oldest, with where to see them, last (regression: past 100 they were neither listed nor counted)', () => {
    expect(notListedWords([p('Winter 20 %', 'inactive')], { unread: 31, unreadOldest: true })).toEqual({
      lead: '32 promotions are not listed here:',
      lines: ['1 is switched off: “Winter 20 %”.', '31 more, the oldest, are not read here: see them in the admin named above.'],
    });
    expect(notListedWords([], { unread: 1, unreadOldest: true })).toEqual({ lead: '1 promotion is not listed here:', lines: ['1 more, the oldest, is not read here: see it in the admin named above.'] });
    expect(notListedWords([], { unread: 0 })).toBeNull();
  });

  it('Foxy and StoreHippo: counts their coupons past the pages read, not said to be the oldest; without a total, says more without a number (regression: neither listed nor counted)', () => {
    expect(notListedWords([p('OLDSALE', 'disabled')], { unread: 5, noun: 'coupon' })).toEqual({
      lead: '6 coupons are not listed here:',
      lines: ['1 is not enabled: “OLDSALE”.', '5 more are not read here: see them in the admin named above.'],
    });
    expect(notListedWords([], { unread: 1, noun: 'coupon' })).toEqual({ lead: '1 coupon is not listed here:', lines: ['1 more is not read here: see it in the admin named above.'] });
    expect(notListedWords([p('OLDSALE', 'disabled')], { unread: 'uncounted', noun: 'coupon' })).toEqual({
      lead: 'More than 1 coupon is not listed here:',
      lines: ['1 is not enabled: “OLDSALE”.', 'More are not read here: see them in the admin named above.'],
    });
    expect(notListedWords([p('A', 'disabled'), p('B', 'disabled')], { unread: 'uncounted', noun: 'coupon' })!.lead).toBe('More than 2 coupons are not listed here:');
    expect(notListedWords([], { unread: 'uncounted', noun: 'coupon' })).toEqual({ lead: 'Some coupons are not listed here:', lines: ['More are not read here: see them in the admin named above.'] });
  });

  it('a nameless promotion is said so; a name in Arabic keeps its direction', () => {
    expect(notListedWords([p('', 'individualCodes')])!.lines).toEqual([
      '1 uses individual codes, a single-use code for each shopper: one without a name. Its codes are listed in the admin named above.',
    ]);
    expect(notListedWords([p('تخفيض', 'automatic')])!.lines[0]).toBe('1 applies by itself in the cart, without a code: “\u2068تخفيض\u2069”.');
  });
});
