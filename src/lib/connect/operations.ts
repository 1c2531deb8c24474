/** Every call the store API makes; error messages and a 403's scope hint name one of these. */
export type ApiOperation =
  | 'listProducts'
  | 'getProduct'
  /** A product's variants (its sizes, colours), read when its page opens. */
  | 'listVariants'
  | 'getMetadata'
  | 'listPages'
  | 'getCart'
  | 'addToCart'
  | 'listOrders'
  | 'listCoupons'
  | 'updateProduct'
  | 'createProduct'
  /** A capability probe or a support lookup (currency table, categories, HAL home). */
  | 'probe';
