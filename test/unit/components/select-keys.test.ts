/** Which keys step a closed select's value (a step waits and replaces history; a pick does not). */
import { describe, expect, it } from 'vitest';
import { stepsSelectValue } from '../../../src/lib/components/select-keys.ts';

const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('stepsSelectValue', () => {
  it.each(['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', 'a', 'Z', '7'])('%s steps the value', (k) => {
    expect(stepsSelectValue(key(k))).toBe(true);
  });
  it.each(['Enter', ' ', 'Tab', 'Escape', 'Shift'])('%s does not (Enter in an opened list is a pick, as Firefox fires change for it)', (k) => {
    expect(stepsSelectValue(key(k))).toBe(false);
  });
  it('a key with a modifier does not (a browser or system shortcut)', () => {
    expect(stepsSelectValue(key('ArrowDown', { altKey: true }))).toBe(false);
    expect(stepsSelectValue(key('a', { ctrlKey: true }))).toBe(false);
    expect(stepsSelectValue(key('a', { metaKey: true }))).toBe(false);
  });
});
