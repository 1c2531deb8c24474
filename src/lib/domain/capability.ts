/** What the app may do for a connected store; providers say which scope grants which (providers/capabilities.ts). */
export type Capability =
  | 'browse'
  | 'viewCart'
  | 'addToCart'
  | 'viewOrders'
  | 'viewCoupons'
  | 'viewUnpublished'
  | 'viewInventory'
  | 'editProducts';

export const ALL_CAPABILITIES: readonly Capability[] = [
  'browse',
  'viewCart',
  'addToCart',
  'viewOrders',
  'viewCoupons',
  'viewUnpublished',
  'viewInventory',
  'editProducts',
];
