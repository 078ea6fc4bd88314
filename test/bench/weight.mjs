// Page weight: what a buyer on a slow link downloads to render a page, images aside.
import http from 'node:http';
import { gunzipSync } from 'node:zlib';

/** GET with gzip allowed; returns the bytes on the wire and the decoded body. */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'accept-encoding': 'gzip', ...headers }, timeout: 10_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const gzipped = res.headers['content-encoding'] === 'gzip';
        resolve({ status: res.statusCode, wireBytes: wire.length, body: gzipped ? gunzipSync(wire) : wire, gzipped });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: timed out`)));
    req.on('error', reject);
  });
}

const attr = (tag, name) => new RegExp(`\\s${name}\\s*=\\s*["']?([^"'\\s>]+)`, 'i').exec(tag)?.[1];

function subresources(html) {
  const links = html.match(/<link\b[^>]*>/gi) ?? [];
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  const rel = (tag) => (attr(tag, 'rel') ?? '').toLowerCase();
  return {
    stylesheets: links.filter((t) => rel(t) === 'stylesheet').map((t) => attr(t, 'href')),
    icons: links.filter((t) => /icon/.test(rel(t))).map((t) => attr(t, 'href')),
    preloads: links.filter((t) => /preload|prefetch/.test(rel(t))).map((t) => attr(t, 'href')),
    scripts: scripts.filter((t) => attr(t, 'src')).map((t) => attr(t, 'src')),
    // Inline scripts that would run; JSON-LD is data, not code.
    inlineScripts: scripts.filter((t) => !attr(t, 'src') && !/application\/(ld\+)?json/i.test(attr(t, 'type') ?? '')).length,
  };
}

/** Sums the bytes of each distinct asset, fetched once (the browser caches repeats). */
async function assetBytes(base, hrefs) {
  let raw = 0;
  let wire = 0;
  for (const href of new Set(hrefs)) {
    const res = await get(new URL(href, base).href);
    raw += res.body.length;
    wire += res.wireBytes;
  }
  return { raw, wire };
}

export async function pageWeight(base, pagePath, headers) {
  const page = await get(new URL(pagePath, base).href, headers);
  if (page.status !== 200) throw new Error(`${pagePath}: status ${page.status}`);
  const found = subresources(page.body.toString('utf8'));
  const css = await assetBytes(base, found.stylesheets);
  const js = await assetBytes(base, found.scripts);
  return {
    htmlGzipBytes: page.gzipped ? page.wireBytes : null,
    htmlBytes: page.body.length,
    cssBytes: css.raw,
    cssWireBytes: css.wire,
    jsBytes: js.raw,
    inlineScripts: found.inlineScripts,
    requestsBesidesImages: found.stylesheets.length + found.scripts.length + found.icons.length + found.preloads.length,
  };
}
