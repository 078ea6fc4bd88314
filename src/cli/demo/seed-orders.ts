import { scaledToDecimalString } from '#platform/decimal.js';
import type { Services } from '#src/compose.js';
import type { Buyer, User } from '#modules/accounts/index.js';

const SYSTEM = { actorId: null, actorEmail: 'demo', ip: '' };

interface DemoOrder {
  lines: [slug: string, qty: string][];
  /** How far the order has gone: placed, confirmed with members' answers, or all the way to delivered. */
  stage: 'placed' | 'confirmed' | 'delivered';
  incoterm: string;
}

// The Taiwanese tea house's orders; the Spanish importer's account is left clean for a first order.
const ORDERS: DemoOrder[] = [
  { lines: [['mae-salong-jin-xuan-oolong', '20'], ['wild-assam-black-tea', '10']], stage: 'delivered', incoterm: 'CPT' },
  { lines: [['highland-arabica-green-washed', '60'], ['longan-honey-500g', '24']], stage: 'confirmed', incoterm: 'DAP' },
  { lines: [['chiang-dao-cocoa-beans', '50'], ['wildflower-forest-honey-250g', '24']], stage: 'placed', incoterm: 'FCA' },
];

/** Orders through the same services a buyer, the members and the hub use: routed, accepted, received, shipped. */
export async function seedOrders(services: Services, buyerEmail: string): Promise<void> {
  const user = (await services.accounts.userByEmail(buyerEmail)) as User;
  const buyer = (await services.accounts.buyer(user.buyerId!)) as Buyer;
  const address = await services.accounts.addresses.add(
    buyer.id,
    { label: 'Taipei roastery', recipient: '林怡君', line1: '台北市大安區復興南路一段 390 號 3 樓', city: '台北市', postalCode: '106', country: 'TW', phone: '+886 2 2700 1234' },
    SYSTEM,
  );
  for (const [i, o] of ORDERS.entries()) {
    for (const [slug, qty] of o.lines) {
      const product = (await services.catalog.productBySlug(slug))!;
      await services.cart.add({ buyerId: buyer.id }, product.id, qty);
    }
    const choice = { addressId: String(address.id), shipping: 'delivery', incoterm: o.incoterm, payment: 'bank_transfer' };
    const plan = await services.checkout.plan(user, buyer, choice, 'zh-TW');
    const placed = await services.checkout.place(user, buyer, choice, { lng: 'zh-TW', idempotencyKey: `demo-order-${i + 1}-0000000000`, expectedTotal: plan.quote.totalMinor.toString() }, SYSTEM);
    if (o.stage === 'placed') continue;
    const coordinator = { userId: 0, role: 'coordinator' as const };
    await services.orders.transition(placed.number, 'confirmed', coordinator, SYSTEM);
    const order = (await services.orders.byNumber(placed.number))!;
    for (const a of order.allocations) await services.fulfilment.accept(a.memberId, a.id, SYSTEM);
    if (o.stage === 'confirmed') continue;
    await services.orders.markPaid(placed.number, 0, SYSTEM);
    await services.orders.transition(placed.number, 'preparing', coordinator, SYSTEM);
    for (const a of order.allocations) {
      const member = { userId: null, label: a.memberName, ctx: SYSTEM };
      await services.fulfilment.markDelivered(a.memberId, a.id, member);
      // The hub weighs what arrived: the first bag is 0.2 kg light.
      const line = order.lines.find((l) => l.id === a.lineId)!;
      const received = a === order.allocations[0] && line.unitDecimals === 3 ? a.quantity - 200n : a.quantity;
      await services.fulfilment.receive(a.id, { quantity: scaledToDecimalString(received, line.unitDecimals), discrepancy: received < a.quantity ? 'short' : '', note: received < a.quantity ? 'Bag resealed at the hub.' : '' }, { userId: null, label: 'Mae Rim hub', ctx: SYSTEM });
    }
    await services.orders.transition(placed.number, 'shipped', coordinator, SYSTEM, { carrier: 'EVA Air Cargo', trackingNumber: '695-12345675' });
    await services.orders.transition(placed.number, 'delivered', coordinator, SYSTEM);
  }
}
