import { describe, expect, it } from 'vitest';
import { cellOfRow, unwrapPasted } from '../../../src/lib/connect/pasted.ts';

const KEY = '5eed0000000000000000000000000001';

describe('unwrapPasted', () => {
  it('takes off whitespace and one pair of quotes, straight or typographic', () => {
    expect(unwrapPasted(`  "${KEY}"\n`)).toBe(KEY);
    expect(unwrapPasted(`\u201C${KEY}\u201D`)).toBe(KEY);
  });

  it('takes off a label it is given, whatever its case, spacing, hyphens or separator, then the quotes', () => {
    for (const pasted of [`Access key: ${KEY}`, `access-key: ${KEY}`, `ACCESS_KEY=${KEY}`, `Access key\t${KEY}`, `accesskey:"${KEY}"`, ` Access key :  ${KEY} `]) {
      expect(unwrapPasted(pasted, ['access key'])).toBe(KEY);
    }
    expect(unwrapPasted(`Authorization: Bearer ${KEY}`, ['access token', 'authorization', 'bearer'])).toBe(KEY);
    expect(unwrapPasted(`Bearer ${KEY}`, ['access token', 'authorization', 'bearer'])).toBe(KEY);
    expect(unwrapPasted('Access key ID\tSWIADEMO', ['access key ID'])).toBe('SWIADEMO');
  });

  it('leaves a value alone without a separator after the label, or with nothing after it, or without labels given', () => {
    expect(unwrapPasted('accesskeyABC123', ['access key'])).toBe('accesskeyABC123');
    expect(unwrapPasted('Access key:', ['access key'])).toBe('Access key:');
    expect(unwrapPasted(`Access key: ${KEY}`)).toBe(`Access key: ${KEY}`);
    expect(unwrapPasted(`Bearer ${KEY}`, ['access key'])).toBe(`Bearer ${KEY}`);
  });
});

describe('cellOfRow', () => {
  const SHAPE = /^[A-Za-z0-9]{16,64}$/;

  it('takes the one cell of the shape out of a row copied whole, cells apart by tabs or spaces', () => {
    expect(cellOfRow(`Demo read-only key\tCatalogue viewer (read-only)\tEnabled\t${KEY}`, SHAPE)).toBe(KEY);
    expect(cellOfRow(`Demo manager key Store manager Enabled ${KEY}`, SHAPE)).toBe(KEY);
    expect(cellOfRow(`Warehouse\tStore manager\tEnabled\t"${KEY}"`, SHAPE)).toBe(KEY);
  });

  it('where a name or role has the shape too, the one cell with a digit; the value alone is kept as it is', () => {
    expect(cellOfRow(`Storemanagerkeyforerp\tAdministrators\tEnabled\t${KEY}`, SHAPE)).toBe(KEY);
    expect(cellOfRow(KEY, SHAPE)).toBe(KEY);
  });

  it('leaves a row without such a cell, or with two alike, as it was (refused by its shape)', () => {
    expect(cellOfRow('Demo key\tStore manager\tEnabled', SHAPE)).toBe('Demo key\tStore manager\tEnabled');
    const two = `${KEY} 5eed0000000000000000000000000002`;
    expect(cellOfRow(two, SHAPE)).toBe(two);
  });
});
