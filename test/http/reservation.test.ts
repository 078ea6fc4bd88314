import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { paths } from '#platform/paths.js';
import { csrfIn, PASSWORD } from '#test/helpers/auth.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { makeBuyerUser } from '#test/helpers/auth.js';
import { makeShop, placeOrder, SYSTEM_ACTOR, type Shop } from '#test/helpers/shop.js';
import { makeProduct } from '#test/helpers/factories.js';
import { ShortageError, type CheckoutHooks, type Reserve } from '#modules/ordering/index.js';
import type { DbOrTx } from '#platform/db/index.js';

/** Read the stock when planning, write planned − taken later: the lost update the real reservation prevents. */
const naiveReserve: Reserve = async (trx: DbOrTx, batchId, qty, now, plannedAvailable) => {
  await trx('batches').where({ id: batchId }).update({ available: (plannedAvailable - qty).toString(), updated_at: now });
  return true;
};
const widenRace: CheckoutHooks['beforeReserve'] = () => new Promise((resolve) => setTimeout(resolve, 3));

interface Outcome {
  sold: bigint;
  orders: number;
  refused: number;
  available: bigint;
  toldWhy: boolean;
  numbers: string[];
}

/** A jar product whose only lot, from the third member, holds 10. */
async function jarLotOfTen(s: TestContext['services'], shop: Shop) {
  const jar = await makeProduct(s, { unit: 'jar', unitDecimals: 0, netWeightG: 500, priceMinor: 900, supplierMemberIds: [shop.members[2]!] } as never);
  const site = (await s.members.addSite(shop.members[2]!, { name: 'Hives', country: 'TH', areaHa: '1', latitude: '18.9', longitude: '98.9' })).id;
  const lot = await s.traceability.createBatch(shop.members[2]!, { productId: jar.id, sites: [{ siteId: site, shareBp: 10_000 }], producedOn: '2026-03-01', quantity: '10', harvest: { occurredAt: '2026-03-01T07:00', tzOffset: '+07:00' } }, SYSTEM_ACTOR);
  return { jar, lot };
}

/** 50 buyers each order one jar of a lot that holds 10, all at once. */
async function race(hooks: CheckoutHooks): Promise<Outcome> {
  const t: TestContext = await createTestContext({ checkoutHooks: hooks });
  try {
    const s = t.services;
    const shop = await makeShop(s);
    const { jar, lot } = await jarLotOfTen(s, shop);
    const buyers = [];
    for (let i = 0; i < 50; i += 1) {
      const b = await makeBuyerUser(s);
      await s.cart.add({ buyerId: b.buyerId }, jar.id, '1');
      buyers.push(b);
    }
    const results = await Promise.allSettled(buyers.map((b) => placeOrder(s, b, [])));
    const refused = results.filter((r) => r.status === 'rejected');
    const toldWhy = refused.every((r) => {
      const err = (r as PromiseRejectedResult).reason as unknown;
      return err instanceof ShortageError && err.lines.length === 1 && err.lines[0]!.productId === jar.id && err.lines[0]!.requested === 1n && err.lines[0]!.available === 0n;
    });
    const sold = await t.db('allocations').where({ batch_id: lot.id }).sum<{ n: number | string | null }[]>('quantity as n');
    const row = await t.db('batches').where({ id: lot.id }).first('available');
    const numbers = (await t.db('orders').orderBy('number').select('number')).map((r: { number: string }) => r.number);
    return { sold: BigInt(sold[0]?.n ?? 0), orders: numbers.length, refused: refused.length, available: BigInt(row.available), toldWhy, numbers };
  } finally {
    await t.close();
  }
}

describe('reservation under concurrency', function () {
  this.timeout(180_000);

  it('50 parallel checkouts for a lot of 10: exactly 10 sold, no negative stock, every refused buyer told why', async () => {
    const r = await race({ beforeReserve: widenRace });
    expect(r.sold).to.equal(10n);
    expect(r.orders).to.equal(10);
    expect(r.refused).to.equal(40);
    expect(r.available).to.equal(0n);
    expect(r.toldWhy).to.equal(true);
    // Numbers are sequential without gaps: refused checkouts never took one.
    const year = new Date().getUTCFullYear();
    expect(r.numbers).to.deep.equal(Array.from({ length: 10 }, (_, i) => `T-${year}-${String(i + 1).padStart(6, '0')}`));
  });

  it('the same race with a naive read-then-write reservation oversells (the test above has teeth)', async () => {
    const r = await race({ beforeReserve: widenRace, reserve: naiveReserve });
    expect(r.sold > 10n, `naive reservation sold ${r.sold}`).to.equal(true);
  });

  it('two server processes on the same database: still exactly 10 sold, every refused buyer told why', async () => {
    const t = await createTestContext();
    const children: ChildProcess[] = [];
    try {
      const s = t.services;
      const shop = await makeShop(s);
      const { jar, lot } = await jarLotOfTen(s, shop);
      const ctx = { actorId: null, actorEmail: '', ip: '' };
      const buyers = [];
      for (let i = 0; i < 50; i += 1) {
        const b = await makeBuyerUser(s);
        await s.cart.add({ buyerId: b.buyerId }, jar.id, '1');
        await s.accounts.addresses.add(b.buyerId, { recipient: 'R', line1: 'Calle 1', city: 'Madrid', country: 'ES' }, ctx);
        buyers.push(b);
      }
      const env = {
        ...process.env,
        DATA_DIR: t.dataDir,
        DATABASE_URL: t.database.kind === 'postgres' ? t.database.url : `sqlite:${t.database.filename}`,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        SESSION_SECRET: 'race-secret-race-secret-race-secret-42',
        RACE_DELAY_MS: '3',
      };
      const urls = await Promise.all(
        [0, 1].map(
          () =>
            new Promise<string>((resolve, reject) => {
              const child = spawn(process.execPath, [path.join(paths.root, 'dist', 'test', 'helpers', 'race-server.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
              children.push(child);
              child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
              child.stdout!.on('data', (chunk: Buffer) => {
                const m = /listening (\S+)/.exec(chunk.toString());
                if (m) resolve(m[1]!);
              });
            }),
        ),
      );
      // Each buyer signs in on one of the two processes and reviews the order there.
      const ready = [];
      for (const [i, b] of buyers.entries()) {
        const agent = request.agent(urls[i % 2]!);
        const login = csrfIn((await agent.get('/en/login')).text);
        expect((await agent.post('/en/login').type('form').send({ _csrf: login, email: b.email, password: PASSWORD })).status).to.equal(303);
        const form = await agent.get('/en/checkout');
        const addressId = /name="addressId" value="(\d+)"/.exec(form.text)![1]!;
        const choice = { shipping: 'delivery', addressId, incoterm: 'DAP', payment: 'bank_transfer' };
        const review = await agent.post('/en/checkout/review').type('form').send({ _csrf: csrfIn(form.text), ...choice });
        expect(review.status).to.equal(200);
        ready.push({
          agent,
          body: {
            _csrf: csrfIn(review.text),
            ...choice,
            idempotencyKey: /name="idempotencyKey" value="([^"]+)"/.exec(review.text)![1]!,
            expectedTotal: /name="expectedTotal" value="(\d+)"/.exec(review.text)![1]!,
          },
        });
      }
      const responses = await Promise.all(ready.map(({ agent, body }) => agent.post('/en/checkout/place').type('form').send(body)));
      // Both servers die without a chance to flush anything: every acknowledged order must still be there.
      await Promise.all(children.map((c) => new Promise((resolve) => {
        c.once('exit', resolve);
        c.kill('SIGKILL');
      })));
      const placed = responses.filter((r) => r.status === 303);
      const refused = responses.filter((r) => r.status === 409);
      expect(placed.length + refused.length, responses.map((r) => r.status).join(',')).to.equal(50);
      expect(placed.length).to.equal(10);
      for (const r of refused) {
        expect(r.text).to.contain('Nothing was ordered');
        expect(r.text).to.match(/you asked for 1\b.*, 0\b.* can be supplied/);
      }
      const sold = await t.db('allocations').where({ batch_id: lot.id }).sum<{ n: number | string | null }[]>('quantity as n');
      expect(BigInt(sold[0]?.n ?? 0)).to.equal(10n);
      expect(BigInt((await t.db('batches').where({ id: lot.id }).first('available')).available)).to.equal(0n);
      expect(Number((await t.db('orders').count<{ n: number }[]>('* as n'))[0]!.n)).to.equal(10);
      const acknowledged = placed.map((r) => /T-\d{4}-\d{6}/.exec(String(r.headers.location))![0]).sort();
      expect((await t.db('orders').orderBy('number').select('number')).map((r: { number: string }) => r.number)).to.deep.equal(acknowledged);
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await t.close();
    }
  });
});
