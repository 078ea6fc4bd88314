// A tiny keep-alive HTTP client for the order workload: form posts with a session cookie, no
// redirects followed (the 303 and its Location are the answer), bodies read only when asked for.
import http from 'node:http';

export const TIMEOUT_MS = 10_000;

/** One client = one keep-alive connection (like one autocannon connection). */
export function createClient(base, { sockets = 1 } = {}) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });

  /**
   * @returns {Promise<{status:number, headers:object, body:string, ms:number}>} – rejects on a
   * network error or after TIMEOUT_MS (the error's `timeout` is then true).
   */
  function request(method, path, { cookie, form, keepBody = false } = {}) {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const headers = { accept: 'text/html' };
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
        const chunks = [];
        res.on('data', (c) => keepBody && chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: keepBody ? Buffer.concat(chunks).toString('utf8') : '', ms: performance.now() - started }),
        );
        res.on('error', reject);
      });
      req.setTimeout(TIMEOUT_MS, () => {
        const err = new Error(`${method} ${path} timed out`);
        err.timeout = true;
        req.destroy(err);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  return { request, close: () => agent.destroy() };
}

/** `terroir.sid=…` from a response's Set-Cookie, or undefined. */
export function sessionCookie(headers) {
  for (const c of headers['set-cookie'] ?? []) {
    const m = /^(terroir\.sid=[^;]+)/.exec(c);
    if (m) return m[1];
  }
  return undefined;
}

export function hiddenField(html, name) {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return m ? m[1].replaceAll('&#34;', '"').replaceAll('&amp;', '&') : undefined;
}

/** The order number of a successful placing's Location (`/en/account/orders/T-2026-000123?placed=1`). */
export function placedNumber(headers) {
  const m = /\/account\/orders\/([^/?]+)(\?placed=1)?$/.exec(headers.location ?? '');
  return m ? { number: decodeURIComponent(m[1]), fresh: Boolean(m[2]) } : undefined;
}
