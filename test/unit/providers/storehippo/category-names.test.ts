import { describe, expect, it } from 'vitest';
import { CategoryNames, categoryNameOf } from '../../../../src/lib/providers/storehippo/category-names.ts';

describe('categoryNameOf', () => {
  it('turns a slug into words, capitalised once', () => {
    expect(categoryNameOf('home-decor')).toBe('Home decor');
    expect(categoryNameOf('kitchen')).toBe('Kitchen');
    expect(categoryNameOf('2024-sale')).toBe('2024 sale');
  });

  it('keeps any other spelling as the store wrote it', () => {
    expect(categoryNameOf('Summer Sale')).toBe('Summer Sale');
    expect(categoryNameOf('mens_wear')).toBe('mens_wear');
    expect(categoryNameOf('a--b')).toBe('a--b');
  });
});

describe('CategoryNames', () => {
  it('sends back the aliases a shown name was made from, every one that shares it', () => {
    const names = new CategoryNames();
    expect(names.nameOf('home-decor')).toBe('Home decor');
    expect(names.aliasesOf('Home decor')).toEqual(['home-decor']);
    expect(names.nameOf('summer')).toBe('Summer');
    expect(names.nameOf('Summer')).toBe('Summer');
    expect(names.aliasesOf('Summer')).toEqual(['summer', 'Summer']);
  });

  it('before a name is met: the slug it may come from and the name itself', () => {
    const names = new CategoryNames();
    expect(names.aliasesOf('Home decor')).toEqual(['home-decor', 'Home decor']);
    expect(names.aliasesOf('Summer Sale')).toEqual(['Summer Sale']);
    expect(names.aliasesOf('kitchen')).toEqual(['kitchen']);
  });
});
