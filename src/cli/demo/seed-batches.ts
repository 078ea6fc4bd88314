import type { Services } from '#src/compose.js';
import { DEMO_PRODUCTS } from '#src/cli/demo/data-catalog.js';
import type { TraceActor } from '#modules/traceability/traceability.service.js';
import type { EventInput } from '#modules/traceability/traceability.schemas.js';

const TZ = '+07:00'; // Indochina Time, where every demo member works

/** Quantity per batch, by unit of sale: believable for small producers. */
const BATCH_QTY: Record<string, string[]> = {
  kg: ['480', '320', '260', '150'],
  bag: ['8', '6', '5', '4'],
  pack: ['400', '300'],
  jar: ['240', '180', '120'],
  box: ['60', '40'],
  piece: ['30', '24', '18'],
};

/** What happens between harvest and packing, per category: the events a buyer reads on the trace page. */
function steps(category: string, day: string): EventInput[] {
  const at = (d: number, time: string) => `${addDays(day, d)}T${time}`;
  const base = { tzOffset: TZ, locationKind: 'site' as const };
  switch (category) {
    case 'coffee':
      return [
        { ...base, type: 'process' as const, occurredAt: at(1, '07:30'), attributes: { method: 'washed, fermented 36 h', dryingDays: 14 }, note: 'Pulped the same day; dried on raised beds.' },
        { ...base, type: 'test' as const, occurredAt: at(20, '10:00'), attributes: { cuppingScore: '84.5', moisturePct: '10.9', screen: '16+' }, note: 'Cupped by the coop’s Q grader.' },
        { ...base, type: 'pack' as const, occurredAt: at(24, '09:00'), attributes: { packaging: 'jute with hermetic liner' }, note: '' },
      ];
    case 'tea':
      return [
        { ...base, type: 'process' as const, occurredAt: at(0, '15:00'), attributes: { method: 'withered, rolled, oxidised 30 %' }, note: '' },
        { ...base, type: 'test' as const, occurredAt: at(5, '09:30'), attributes: { moisturePct: '4.8' }, note: '' },
        { ...base, type: 'pack' as const, occurredAt: at(7, '11:00'), attributes: {}, note: '' },
      ];
    case 'cacao-chocolate':
      return [
        { ...base, type: 'process' as const, occurredAt: at(1, '08:00'), attributes: { fermentationDays: 6, dryingDays: 9 }, note: 'Box fermentation, sun-dried.' },
        { ...base, type: 'test' as const, occurredAt: at(18, '10:00'), attributes: { cutTestFermentedPct: '82' }, note: '' },
        { ...base, type: 'pack' as const, occurredAt: at(20, '09:00'), attributes: {}, note: '' },
      ];
    case 'honey-bee-products':
      return [
        { ...base, type: 'process' as const, occurredAt: at(1, '09:00'), attributes: { method: 'cold-extracted, settled 10 days' }, note: '' },
        { ...base, type: 'test' as const, occurredAt: at(12, '10:00'), attributes: { moisturePct: '17.9', hmfMgKg: '6' }, note: 'Laboratory analysis, Chiang Mai.' },
        { ...base, type: 'pack' as const, occurredAt: at(14, '08:30'), attributes: {}, note: '' },
      ];
    default:
      return [{ ...base, type: 'pack' as const, occurredAt: at(3, '10:00'), attributes: { dye: 'natural indigo and lac' }, note: '' }];
  }
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Two to four batches per product, from its suppliers, with their events; one blend of two members' coffee. */
export async function seedBatches(services: Services, memberIds: Map<string, number>): Promise<void> {
  const actor = (label: string): TraceActor => ({ userId: null, label, ctx: { actorId: null, actorEmail: 'demo', ip: '' } });
  const greenLots: string[] = [];
  for (const [pi, product] of DEMO_PRODUCTS.entries()) {
    if (product.slug === 'doi-highlands-medium-roast-250g') continue; // made by blending, below
    const stored = (await services.catalog.productBySlug(product.slug))!;
    const quantities = BATCH_QTY[product.unit] ?? ['100'];
    const count = 2 + (pi % 3);
    for (let i = 0; i < count; i++) {
      const slug = product.supplierSlugs[i % product.supplierSlugs.length]!;
      const memberId = memberIds.get(slug)!;
      const sites = await services.members.sites(memberId);
      const certs = (await services.memberProfiles.profileOf(memberId, 'en'))!.certifications;
      const day = addDays('2025-11-20', (pi * 9 + i * 23) % 120);
      const shares = sites.length > 1 ? [{ siteId: sites[0]!.id, shareBp: 6000 }, { siteId: sites[1]!.id, shareBp: 4000 }] : [{ siteId: sites[0]!.id, shareBp: 10_000 }];
      const who = actor((await services.members.byId(memberId))!.name);
      const batch = await services.traceability.createBatch(
        memberId,
        {
          productId: stored.id,
          sites: shares,
          producedOn: day,
          bestBefore: product.categorySlug === 'textiles' ? '' : addDays(day, 540),
          packedOn: addDays(day, 24),
          quantity: quantities[i % quantities.length]!,
          grade: (product.attributes as { grade?: string } | undefined)?.grade ?? '',
          certificationIds: certs.map((c) => c.id),
          status: 'available',
          harvest: { occurredAt: `${day}T06:30`, tzOffset: TZ, note: product.categorySlug === 'coffee' ? 'Picked by hand, ripe cherries only.' : '' },
        },
        who,
      );
      for (const step of steps(product.categorySlug, day)) await services.traceability.addEvent(batch.id, { ...step, siteId: shares[0]!.siteId }, who);
      if (product.slug === 'highland-arabica-green-washed') greenLots.push(batch.lot_code);
    }
  }
  // The roasted 250 g pack (the product with a GTIN) is a blend of two members' washed green lots.
  const roast = (await services.catalog.productBySlug('doi-highlands-medium-roast-250g'))!;
  const roaster = memberIds.get('doi-chang-coffee')!;
  await services.traceability.transform(
    roaster,
    {
      productId: roast.id,
      inputs: greenLots.slice(0, 2).map((lotCode) => ({ lotCode, quantity: '60' })),
      quantity: '400',
      producedOn: '2026-03-02',
      bestBefore: '2026-09-02',
      process: 'blended and roasted medium, 14 min',
      occurredAt: '2026-03-02T10:00',
      tzOffset: TZ,
      locationText: 'Doi Chang roastery, Mae Suai, Chiang Rai',
    },
    actor('Doi Chang roastery'),
  );
}
