import { describe, expect, it } from 'vitest';
import { ALL_CAPABILITIES, type Capability } from '../../../src/lib/domain/capability.ts';
import { capabilitiesFor, supportsCapability } from '../../../src/lib/providers/capabilities.ts';
import { scopeForCapability } from '../../../src/lib/providers/capability-scope.ts';
import { goodsie } from '../../../src/lib/providers/goodsie.ts';
import type { ProviderProfile } from '../../../src/lib/providers/types.ts';

function sorted(set: ReadonlySet<Capability>): Capability[] {
  return [...set].sort();
}

describe('capabilitiesFor (goodsie)', () => {
  it('storefront gives browse only', () => {
    expect(sorted(capabilitiesFor(goodsie, ['storefront']))).toEqual(['browse']);
  });

  it('cart gives viewCart and addToCart only', () => {
    expect(sorted(capabilitiesFor(goodsie, ['cart']))).toEqual(['addToCart', 'viewCart']);
  });

  it('admin gives browse and the admin capabilities, but not the cart', () => {
    const admin = capabilitiesFor(goodsie, ['admin']);
    expect(sorted(admin)).toEqual(['browse', 'editProducts', 'viewCoupons', 'viewInventory', 'viewOrders', 'viewUnpublished']);
    expect(admin.has('viewCart')).toBe(false);
    expect(admin.has('addToCart')).toBe(false);
  });

  it('unions granted scopes and ignores unknown ones', () => {
    expect(sorted(capabilitiesFor(goodsie, ['admin', 'cart', 'write_everything']))).toEqual([...ALL_CAPABILITIES].sort());
    expect(capabilitiesFor(goodsie, ['write_everything']).size).toBe(0);
    expect(capabilitiesFor(goodsie, []).size).toBe(0);
  });
});

describe('scopeForCapability (goodsie)', () => {
  it('asks for the narrowest scope that grants each capability', () => {
    const expected: Record<Capability, string> = {
      browse: 'storefront',
      viewCart: 'cart',
      addToCart: 'cart',
      viewOrders: 'admin',
      viewCoupons: 'admin',
      viewUnpublished: 'admin',
      viewInventory: 'admin',
      editProducts: 'admin',
    };
    for (const capability of ALL_CAPABILITIES) {
      expect(supportsCapability(goodsie, capability)).toBe(true);
      expect(scopeForCapability(goodsie, capability)).toBe(expected[capability]);
      expect(capabilitiesFor(goodsie, [expected[capability]]).has(capability)).toBe(true);
    }
  });

  it('throws for a capability a platform cannot grant', () => {
    const noCoupons: ProviderProfile = {
      ...goodsie,
      kind: 'no-coupons',
      scopes: goodsie.scopes.map((scope) => ({ ...scope, grants: scope.grants.filter((cap) => cap !== 'viewCoupons') })),
    };
    expect(supportsCapability(noCoupons, 'viewCoupons')).toBe(false);
    expect(() => scopeForCapability(noCoupons, 'viewCoupons')).toThrow(TypeError);
  });
});
