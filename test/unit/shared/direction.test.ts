import { describe, expect, it } from 'vitest';
import { isolateDirection } from '../../../src/lib/shared/direction.ts';

const FSI = '\u2068';
const PDI = '\u2069';

describe('isolateDirection', () => {
  it('leaves Latin text as it is and isolates right-to-left text', () => {
    expect(isolateDirection('Acme Goods')).toBe('Acme Goods');
    expect(isolateDirection('(3) كوب')).toBe(`${FSI}(3) كوب${PDI}`);
  });

  it.each([
    ['a right-to-left override', 'Mug\u202E'],
    ['a right-to-left embedding', 'Mug\u202B'],
    ['a left-to-right override', '\u202DMug'],
    ['a right-to-left mark', 'Mug\u200F'],
    ['an Arabic letter mark', 'Mug\u061C'],
  ])('isolates Latin text holding %s, so it cannot turn the words after it around', (_label, name) => {
    expect(isolateDirection(name)).toBe(`${FSI}${name}${PDI}`);
  });

  it.each([
    ['a stray pop directional isolate, which would close ours early', `Mug${PDI}\u202E`, 'Mug\u202E'],
    ['an isolate it opens, which would take our closing mark', 'Mug\u2067', 'Mug'],
    ['a first strong isolate of its own', `${FSI}Mug`, 'Mug'],
  ])('drops %s', (_label, name, kept) => {
    expect(isolateDirection(name)).toBe(`${FSI}${kept}${PDI}`);
  });
});
