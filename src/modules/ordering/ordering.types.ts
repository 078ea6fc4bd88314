/** Plain shapes the ordering module hands to views, documents and mail. */
import type { Address } from '#modules/accounts/index.js';

export const ORDER_STATUSES = ['placed', 'confirmed', 'preparing', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const PAYMENT_METHODS = ['bank_transfer', 'pay_at_pickup'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type ShippingMethod = 'delivery' | 'pickup';

/** Where an order goes: a buyer's address as it was when the order was placed. */
export type ShipTo = Omit<Address, 'id' | 'buyerId' | 'label'>;

export interface Party {
  name: string;
  address: string;
  country: string;
  taxId: string;
  email: string;
}

/** Everything a pro-forma invoice, a commercial invoice or a packing list prints. */
export interface OrderDocumentData {
  number: string;
  placedAt: string; // ISO instant
  shippedAt: string | null;
  currency: string;
  seller: Party;
  buyer: Party;
  /** Delivery address; for a pickup, the hub's name and address with the buyer as recipient. */
  shipTo: ShipTo;
  shippingMethod: ShippingMethod;
  incoterm: { code: string; place: string };
  paymentMethod: PaymentMethod;
  paymentReference: string;
  bankDetails: string;
  lines: {
    lineNo: number;
    productName: string;
    hsCode: string;
    /** ISO 3166 codes of the members' countries supplying the line (empty before allocation). */
    originCountries: string[];
    unit: string;
    unitDecimals: number;
    quantity: bigint; // smallest steps of the unit
    netWeightG: bigint; // whole line
    unitPriceMinor: bigint;
    totalMinor: bigint;
    lotCodes: string[];
  }[];
  subtotalMinor: bigint;
  shippingMinor: bigint;
  taxRateBp: number;
  taxMinor: bigint;
  totalMinor: bigint;
  weightG: bigint;
  carrier: string;
  trackingNumber: string;
}
