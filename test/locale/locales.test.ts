import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { paths } from '#platform/paths.js';
import { LOCALES, NAMESPACES } from '#platform/i18n/locales.js';
import { UNITS } from '#modules/catalog/index.js';
import { MAIL_TEMPLATES } from '#modules/mail/index.js';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const load = (lng: string, ns: string) =>
  flatten(JSON.parse(readFileSync(path.join(paths.locales, lng, `${ns}.json`), 'utf8')) as Tree);
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, ext) : ext.test(name) ? [full] : [];
  });
}

// Strings that are the same word in several languages (brand, codes); kept deliberately short.
const SAME_AS_ENGLISH_ALLOWED = new Set<string>(['catalog:unit.kg', 'catalog:unit.g', 'catalog:qty.count', 'catalog:price.approx', 'catalog:product.gtin']);

describe('locale files', () => {
  const en = new Map(NAMESPACES.map((ns) => [ns, load('en', ns)]));

  it('ships exactly the namespaces of the app, for every locale', () => {
    for (const lng of LOCALES) {
      const present = readdirSync(path.join(paths.locales, lng)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
      expect(present, lng).to.deep.equal([...NAMESPACES].sort());
    }
  });

  for (const lng of LOCALES.filter((l) => l !== 'en')) {
    it(`${lng}: same keys and placeholders as English, and really translated`, () => {
      for (const ns of NAMESPACES) {
        const source = en.get(ns)!;
        const target = load(lng, ns);
        expect([...target.keys()].sort(), `${lng}/${ns} keys`).to.deep.equal([...source.keys()].sort());
        for (const [key, text] of source) {
          const translated = target.get(key)!;
          expect(placeholders(translated), `${lng} ${ns}:${key} placeholders`).to.deep.equal(placeholders(text));
          expect(translated.trim(), `${lng} ${ns}:${key} is empty`).not.to.equal('');
          if (!SAME_AS_ENGLISH_ALLOWED.has(`${ns}:${key}`)) {
            expect(translated, `${lng} ${ns}:${key} is still English`).not.to.equal(text);
          }
        }
      }
    });
  }

  it('has every key the views and the code use', () => {
    const used = new Set<string>();
    const sources = [...files(paths.views, /\.ejs$/), ...files(path.join(paths.root, 'src'), /\.ts$/)];
    const keyPattern = new RegExp(`['"\`]((?:${NAMESPACES.join('|')}):[A-Za-z0-9_.]+)['"\`]`, 'g');
    for (const file of sources) for (const m of readFileSync(file, 'utf8').matchAll(keyPattern)) used.add(m[1]!);
    // 'ns:prefix.' + value is a key built at run time; the next test checks those.
    for (const k of used) if (k.endsWith('.')) used.delete(k);
    expect(used.size).to.be.greaterThan(20);
    const missing = [...used].filter((k) => {
      const [ns, key] = k.split(':') as [(typeof NAMESPACES)[number], string];
      return !en.get(ns)?.has(key);
    });
    expect(missing).to.deep.equal([]);
  });

  it('has the keys built at run time: error codes, units, geometry problems', () => {
    const errors = en.get('errors')!;
    for (const code of ['bad_request', 'validation', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'payload_too_large', 'too_many_requests', 'unavailable', 'internal']) {
      expect(errors.has(`${code}.title`), code).to.equal(true);
      expect(errors.has(`${code}.message`), code).to.equal(true);
    }
    for (const unit of UNITS) expect(en.get('catalog')!.has(`unit.${unit}`), unit).to.equal(true);
    for (const p of ['invalidJson', 'notPolygon', 'tooFewPoints', 'notClosed', 'outOfRange', 'required']) {
      expect(errors.has(`field.polygon.${p}`), p).to.equal(true);
    }
    const accounts = en.get('accounts')!;
    const admin = en.get('admin')!;
    const mail = en.get('mail')!;
    for (const role of ['coordinator', 'member', 'buyer']) expect(accounts.has(`role.${role}`), role).to.equal(true);
    for (const kind of ['organisation', 'person']) expect(accounts.has(`register.kind.${kind}`), kind).to.equal(true);
    for (const s of ['pending', 'active', 'suspended']) expect(admin.has(`status.${s}`), s).to.equal(true);
    for (const s of ['unverified', 'active', 'disabled']) expect(admin.has(`userStatus.${s}`), s).to.equal(true);
    for (const s of ['stored', 'sent', 'failed']) expect(admin.has(`outbox.state.${s}`), s).to.equal(true);
    for (const template of MAIL_TEMPLATES) {
      for (const part of ['subject', 'intro', 'action', 'outro']) expect(mail.has(`${template}.${part}`), `${template}.${part}`).to.equal(true);
    }
  });

  it('keeps user-facing text out of the views', () => {
    for (const file of files(paths.views, /\.ejs$/)) {
      const text = readFileSync(file, 'utf8')
        .replace(/<%[\s\S]*?%>/g, '')
        .replace(/<[^>]*>/g, '')
        .replace(/&[a-z]+;|[·*()—\s]/g, '');
      expect(text, file).to.equal('');
    }
  });
});
