export { createCartService, type CartService, type CartRef, type CartContents, type CartLine } from '#modules/ordering/cart.service.js';
export { createCheckoutService, type CheckoutService, type CheckoutHooks, type Reserve, ShortageError } from '#modules/ordering/checkout.service.js';
export { createOrdersService, type OrdersService, type Order, type OrderDetail } from '#modules/ordering/orders.service.js';
export * from '#modules/ordering/ordering.types.js';
export { createRoutingService, type RoutingService, type AffectedOrder } from '#modules/ordering/routing.service.js';
