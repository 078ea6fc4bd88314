import sharp from 'sharp';

// Demo pictures drawn in code: the demo must work offline and ship no binary assets, so every photo is
// an SVG illustration rendered by sharp (librsvg), with no text (no fonts to go missing), and
// certificates are hand-written PDFs.

export type MemberKind = 'coffee' | 'tea' | 'cacao' | 'honey' | 'textiles';
type Rand = () => number;
type Bean = 'coffee' | 'cacao' | 'plain';
const W = 1200, H = 800, TABLE = 560; // TABLE: where the wall meets the table in every still life

// FNV-1a seeding mulberry32: the same slug always gives the same picture, so re-seeding is stable.
function rng(seed: string): Rand {
  let a = 2166136261;
  for (let i = 0; i < seed.length; i++) a = Math.imul(a ^ seed.charCodeAt(i), 16777619) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const between = (r: Rand, lo: number, hi: number): number => lo + r() * (hi - lo);
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)] ?? (list[0] as T);
const hsl = (h: number, s: number, l: number): string => `hsl(${Math.round(h)},${Math.round(s)}%,${Math.round(l)}%)`;
const times = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join('');
// Tiny element builders: they keep the scene code about shapes rather than SVG attribute spelling.
const n1 = (v: number): string => String(Math.round(v * 10) / 10);
const rect = (x: number, y: number, w: number, h: number, fill: string, more = ''): string =>
  `<rect x="${n1(x)}" y="${n1(y)}" width="${n1(w)}" height="${n1(h)}" fill="${fill}" ${more}/>`;
const ell = (cx: number, cy: number, rx: number, ry: number, fill: string, more = ''): string =>
  `<ellipse cx="${n1(cx)}" cy="${n1(cy)}" rx="${n1(rx)}" ry="${n1(ry)}" fill="${fill}" ${more}/>`;
const path = (d: string, fill: string, more = ''): string => `<path d="${d}" fill="${fill}" ${more}/>`;
const stroke = (d: string, color: string, width: number, more = ''): string => path(d, 'none', `stroke="${color}" stroke-width="${width}" ${more}`);
const at = (x: number, y: number, rot = 0, s = 1): string => `transform="translate(${n1(x)} ${n1(y)}) rotate(${Math.round(rot)}) scale(${s.toFixed(2)})"`;
const shadow = (x: number, y: number, rx: number, ry: number): string => ell(x, y, rx, ry, '#3a2412', 'opacity=".28" filter="url(#blur)"');

function render(defs: string, body: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>` +
    `<filter id="blur"><feGaussianBlur stdDeviation="9"/></filter>${defs}</defs>${body}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}
const gradient = (id: string, top: string, bottom: string): string =>
  `<linearGradient id="${id}" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient>`;

// A softly lit wall (window light falling across it), a planked wooden table, sometimes a linen cloth.
function stage(r: Rand): string {
  const hue = pick(r, [15, 28, 38, 45, 85, 140]), sat = hue > 60 ? 18 : 30, wood = between(r, 22, 34), sun = between(r, 300, 1000);
  let s = `<defs>${gradient('wall', hsl(hue, sat, 90), hsl(hue, sat, 74))}${gradient('wood', hsl(wood, 42, 52), hsl(wood, 46, 34))}` +
    `<pattern id="linen" width="6" height="6" patternUnits="userSpaceOnUse">${rect(0, 0, 6, 6, hsl(hue, 18, 87))}${stroke('M0 1h6M1 0v6', '#8a7a66', 1, 'stroke-opacity=".18"')}</pattern>` +
    `<pattern id="burlap" width="8" height="8" patternUnits="userSpaceOnUse">${stroke('M0 2h8M0 6h8', '#5b3f1c', 2, 'stroke-opacity=".25"')}${stroke('M2 0v8M6 0v8', '#fff', 2, 'stroke-opacity=".12"')}</pattern></defs>` +
    rect(0, 0, W, TABLE, 'url(#wall)') + times(2, (i) => path(`M${sun + i * 190} 0h150l-260 ${TABLE}h-150Z`, '#fff', 'opacity=".14"')) + rect(0, TABLE, W, H - TABLE, 'url(#wood)');
  // Plank seams widen towards the viewer for a hint of perspective; the grain is a few faint waves.
  for (let y = TABLE + 38, g = 44; y < H; y += g, g *= 1.25) s += stroke(`M0 ${y}H${W}`, '#2b1606', 2, 'stroke-opacity=".35"');
  s += times(14, () => stroke(`M${n1(between(r, -200, 900))} ${n1(between(r, TABLE + 10, H))}q80 -6 160 0t160 0t160 0`, '#2b1606', 2, 'stroke-opacity=".14"'));
  if (r() < 0.45) s += path(`M${n1(between(r, 80, 260))} ${TABLE + 14}L${n1(between(r, 900, 1100))} ${TABLE + 6}L${W + 20} ${H}L${n1(between(r, 0, 140))} ${H}Z`, 'url(#linen)');
  return s + rect(0, TABLE - 4, W, 8, '#000', 'opacity=".12"');
}

// Beans: the S-shaped crease is what makes a coffee bean read as one; cacao beans are plain almonds.
const bean = (x: number, y: number, rot: number, s: number, fill: string, kind: Bean): string =>
  `<g ${at(x, y, rot, s)}>${ell(0, 0, 16, 11, fill)}${ell(0, -3, 12, 6, '#fff', 'opacity=".13"')}` +
  (kind === 'coffee' ? stroke('M-12 1C-5 -4 4 5 12 -1', '#000', 2.2, 'stroke-opacity=".5"') : kind === 'cacao' ? stroke('M-11 0H11', '#fff', 1.5, 'stroke-opacity=".25"') : '') + '</g>';
const scatter = (r: Rand, n: number, [x0, x1, y0, y1]: [number, number, number, number], fill: (r: Rand) => string, s: number, kind: Bean): string =>
  times(n, () => bean(between(r, x0, x1), between(r, y0, y1), between(r, 0, 360), s * between(r, 0.85, 1.1), fill(r), kind));
const leaf = (x: number, y: number, rot: number, s: number, fill: string): string =>
  `<g ${at(x, y, rot, s)}>${path('M0 0C22 -22 62 -20 84 0C62 20 22 22 0 0Z', fill)}${stroke('M4 0H78', '#fff', 2, 'stroke-opacity=".35"')}</g>`;
const steam = (x: number, y: number): string =>
  times(3, (i) => stroke(`M${n1(x + i * 26 - 26)} ${y}c-16 -30 16 -50 0 -80s16 -50 0 -80`, '#fff', 6, 'stroke-opacity=".55" stroke-linecap="round"'));

function coffee(r: Rand, slug: string): string {
  const green = slug.includes('green'), big = slug.includes('60kg') ? 1.15 : 1;
  const fill = (q: Rand): string => (green ? hsl(between(q, 60, 80), 24, between(q, 54, 66)) : hsl(between(q, 20, 28), 50, between(q, 16, 28)));
  const sackPath = 'M20 640C-5 520 20 360 60 300L340 300C385 360 410 520 380 640Q200 668 20 640Z';
  // Beans heaped in the open mouth: higher in the middle of the mound than at its edges.
  const heap = times(60, () => {
    const x = between(r, 95, 305);
    return bean(x, 304 - between(r, 0, 46) * (1 - ((x - 200) / 112) ** 2), between(r, 0, 360), 0.75, fill(r), 'coffee');
  });
  const sack = `<g transform="translate(${n1(between(r, 150, 260))} ${n1((1 - big) * 640)}) scale(${big})">${shadow(200, 650, 230, 26)}${path(sackPath, '#b58d5c')}${path(sackPath, 'url(#burlap)')}` +
    `<g opacity=".45"><circle cx="200" cy="500" r="62" fill="none" stroke="#6b3e1e" stroke-width="7"/>${bean(200, 500, -30, 2.2, '#6b3e1e', 'coffee')}</g>` +
    `${ell(200, 302, 152, 38, '#9c7547')}${path('M78 304Q200 220 322 304Z', fill(r))}${heap}</g>`;
  const x = between(r, 820, 940), cup = hsl(between(r, 0, 360), between(r, 10, 40), between(r, 84, 94));
  const mug = shadow(x, 650, 170, 22) + ell(x, 640, 160, 34, cup) + ell(x, 634, 128, 22, '#000', 'opacity=".08"') + stroke(`M${n1(x + 88)} 520c70 -10 70 80 -8 82`, cup, 18) +
    path(`M${n1(x - 100)} 470h200c0 100 -30 160 -100 160s-100 -60 -100 -160Z`, cup) + path(`M${n1(x + 60)} 480c0 80 -10 120 -50 140 60 -8 80 -60 80 -140Z`, '#000', 'opacity=".07"') +
    ell(x, 470, 100, 20, cup) + ell(x, 472, 88, 15, '#4a2711') + ell(x - 14, 470, 40, 6, '#c08a5a', 'opacity=".7"') + steam(x, 440);
  return sack + mug + scatter(r, 10 + Math.floor(r() * 10), [540, 1150, 700, 780], fill, 1.1, 'coffee');
}

function tea(r: Rand, slug: string): string {
  // Glazes a potter in the hills would use: terracotta, celadon, Yixing-style brown, cream, indigo.
  const [h, s, l] = pick(r, [[18, 52, 48], [150, 22, 58], [14, 38, 34], [38, 40, 80], [212, 28, 42]] as const);
  const c = hsl(h, s, l + between(r, -4, 4)), black = slug.includes('black'), x = between(r, 360, 450);
  const pot = shadow(x, 640, 230, 26) + path(`M${n1(x - 150)} 480C${n1(x - 220)} 470 ${n1(x - 240)} 400 ${n1(x - 290)} 350L${n1(x - 270)} 338C${n1(x - 230)} 380 ${n1(x - 200)} 410 ${n1(x - 140)} 410Z`, c) +
    stroke(`M${n1(x + 150)} 420c90 -40 100 100 10 150`, c, 24) + path(`M${n1(x - 175)} 500c0 -110 80 -160 175 -160s175 50 175 160c0 90 -70 135 -175 135s-175 -45 -175 -135Z`, c) +
    path(`M${n1(x + 60)} 370c90 30 110 150 30 240 120 -40 100 -220 -30 -240Z`, '#000', 'opacity=".12"') + ell(x - 70, 430, 40, 70, '#fff', `opacity=".18" transform="rotate(30 ${n1(x - 70)} 430)"`) +
    ell(x, 352, 96, 18, '#000', 'opacity=".18"') + path(`M${n1(x - 88)} 352q88 -80 176 0Z`, c) + stroke(`M${n1(x - 88)} 352q88 14 176 0`, '#000', 4, 'stroke-opacity=".15"') +
    `<circle cx="${n1(x)}" cy="296" r="17" fill="${c}"/>` + rect(x - 110, 620, 220, 20, c, 'rx="6"');
  const cx = between(r, 900, 1000), liquor = black ? '#8a3b12' : '#c79a2e';
  const cup = shadow(cx, 650, 110, 16) + path(`M${n1(cx - 90)} 540h180c-10 70 -40 100 -90 100s-80 -30 -90 -100Z`, '#f4efe4') + path(`M${n1(cx + 40)} 545c-6 50 -20 80 -50 90 44 -4 66 -40 74 -90Z`, '#000', 'opacity=".08"') +
    ell(cx, 540, 90, 16, '#e6dfcf') + ell(cx, 542, 80, 12, liquor) + steam(cx, 520);
  // A saucer of dry leaf (rolled balls for oolong, dark twists for black tea) beside a few fresh leaves.
  const dx = between(r, 640, 700), dry = times(40, () => (black ? leaf(between(r, dx - 100, dx + 60), between(r, 688, 708), between(r, 0, 360), 0.45, hsl(between(r, 10, 25), 40, between(r, 12, 24)))
    : `<circle cx="${n1(between(r, dx - 90, dx + 90))}" cy="${n1(between(r, 686, 708))}" r="${n1(between(r, 5, 8))}" fill="${hsl(between(r, 80, 110), 30, between(r, 20, 32))}"/>`));
  const dish = shadow(dx, 712, 140, 18) + ell(dx, 700, 140, 34, '#e8dcc4') + ell(dx, 698, 110, 22, '#d6c7a8') + dry;
  const leaves = times(5 + Math.floor(r() * 4), () => leaf(between(r, 820, 1140), between(r, 690, 770), between(r, 0, 360), between(r, 0.6, 1), hsl(between(r, 90, 125), between(r, 35, 55), between(r, 24, 40))));
  return pot + cup + dish + leaves;
}

function cacao(r: Rand, slug: string): string {
  const hue = between(r, 12, 45), pod = hsl(hue, 72, 48), podDark = hsl(hue, 70, 34), x = between(r, 250, 330);
  const shape = 'M-190 0C-130 -110 130 -110 190 0C130 110 -130 110 -190 0Z';
  const ridges = times(5, (i) => stroke(`M-190 0C-120 ${(i - 2) * 46} 120 ${(i - 2) * 46} 190 0`, podDark, 5, 'opacity=".6"'));
  const whole = shadow(x, 652, 200, 22) + `<g ${at(x, 585, between(r, -8, 4))}>${stroke('M190 0l30 -6', '#5a3a1a', 12)}${path(shape, pod)}<g clip-path="url(#pod)">${ridges}</g>${ell(-40, -45, 90, 18, '#fff', 'opacity=".15"')}</g>`;
  // The pod cut open: white pulp-coated beans packed in rows inside the rind.
  const seeds = times(3, (row) => times(6, (i) => bean(-115 + i * 46, (row - 1) * 32, 90 + (row - 1) * 10, 1.35, hsl(between(r, 10, 30), 35, between(r, 76, 88)), 'plain')));
  const half = shadow(x + 80, 770, 210, 20) + `<g ${at(x + 90, 710, between(r, -4, 6), 0.9)}>${path(shape, podDark)}${path('M-172 0C-118 -88 118 -88 172 0C118 88 -118 88 -172 0Z', '#f6eedc')}${seeds}</g>`;
  const bx = between(r, 720, 800), by = between(r, 450, 480), wrap = pick(r, ['#c9a46c', '#8e2b22', '#c8962e', '#2f5a3e', '#eadcc0']);
  const squares = times(12, (i) => rect(10 + (i % 4) * 71, 10 + Math.floor(i / 4) * 64, 66, 58, '#000', 'rx="5" opacity=".28"') + rect(14 + (i % 4) * 71, 13 + Math.floor(i / 4) * 64, 58, 50, '#fff', 'rx="4" opacity=".07"'));
  const bar = shadow(bx + 150, by + 215, 190, 16) + `<g ${at(bx, by, between(r, -5, 5))}>${rect(0, 0, 300, 210, hsl(between(r, 14, 24), 45, slug.includes('70') ? 19 : 25), 'rx="8"')}${squares}` +
    `${path('M-6 140L306 118V214H-6Z', wrap)}${stroke('M-6 140L306 118', '#fff', 3, 'stroke-opacity=".45"')}</g>`;
  const beans = scatter(r, slug.includes('beans') ? 28 : 8 + Math.floor(r() * 8), [600, 1170, 712, 788], (q) => hsl(between(q, 10, 22), 40, between(q, 22, 32)), 1.5, 'cacao');
  return `<defs><clipPath id="pod"><path d="${shape}"/></clipPath></defs>${whole}${bar}${half}${beans}`;
}

function honey(r: Rand, slug: string): string {
  const amber = hsl(between(r, 28, 42), 85, slug.includes('forest') ? 32 : 44), x = between(r, 300, 420);
  const cells = times(42, (i) => path(`M${(i % 7) * 60 + (Math.floor(i / 7) % 2) * 30} ${Math.floor(i / 7) * 50 - 30}l26 15v30l-26 15l-26 -15v-30Z`, amber, `stroke="${hsl(45, 85, 70)}" stroke-width="6"`));
  const comb = `<g transform="translate(${n1(between(r, 680, 760))} 600) skewX(-20) scale(1 .45)">${rect(-20, -30, 460, 320, hsl(42, 80, 58), 'rx="20"')}${cells}</g>`;
  const dipper = `<g ${at(between(r, 620, 700), 730, between(r, -28, -14))}>${rect(0, -7, 320, 14, '#a57444', 'rx="7"')}${path('M-48 16q8 40 0 60q-10 -20 -6 -60Z', amber)}` +
    times(6, (i) => ell(-10 - i * 14, 0, 12, 30 - Math.abs(i - 2.5) * 4, i % 2 ? '#b07d4a' : '#8e5d30')) + '</g>';
  if (slug.includes('wax')) {
    const block = (bx: number, by: number): string =>
      `<g transform="translate(${n1(bx)} ${by})">${path('M0 0l140 -40l130 30l-140 44Z', '#f7d46a')}${path('M0 0l130 34v90l-130 -34Z', '#e2b23c')}${path('M130 34l140 -44v90l-140 44Z', '#c9992c')}</g>`;
    return shadow(x + 40, 660, 260, 30) + block(x - 230, 540) + block(x - 40, 590) + block(x - 140, 450) + comb;
  }
  // A jar with a cloth cover tied with string, as market honey is sold in northern Thailand.
  const lid = hsl(between(r, 0, 360), 50, 45);
  const jar = shadow(x, 680, 170, 24) + rect(x - 130, 330, 260, 350, '#eaf3f2', 'rx="40" opacity=".55"') + rect(x - 118, 400, 236, 270, amber, 'rx="32"') +
    rect(x - 100, 420, 26, 220, '#fff', 'rx="13" opacity=".35"') + rect(x + 70, 420, 16, 220, '#000', 'rx="8" opacity=".12"') + path(`M${n1(x - 150)} 330q150 -40 300 0l-20 60q-130 20 -260 0Z`, lid) +
    stroke(`M${n1(x - 128)} 362q128 22 256 0`, '#6b4b22', 6) + rect(x - 80, 480, 160, 110, '#f4ead2', 'rx="10"') + stroke(`M${n1(x - 50)} 535h100M${n1(x - 30)} 515h60M${n1(x - 30)} 555h60`, lid, 6, 'opacity=".7"');
  return comb + jar + dipper;
}

const WEAVE = ['#27406b', '#9b2d2a', '#d9a22b', '#f1e6cf', '#2f5f4a', '#5a2d4f']; // indigo, lac red, turmeric, cotton, leaf, plum
// Teen jok band: a row of stepped diamonds, each holding a smaller one in a second colour.
const teenJok = (x: number, y: number, w: number, a: string, b: string): string =>
  times(Math.floor(w / 40), (i) => path(`M${n1(x + 20 + i * 40)} ${y}l16 23l-16 23l-16 -23Z`, a) + path(`M${n1(x + 20 + i * 40)} ${y + 12}l7 11l-7 11l-7 -11Z`, b));

function textiles(r: Rand, slug: string): string {
  const scarf = slug.includes('scarf'), x0 = between(r, 200, 280), floor = 700;
  // Three distinct colours per cloth (base, motif, inner motif) so the pattern always stands out.
  const cloth = Array.from({ length: scarf ? 2 : 3 }, () => {
    const i = Math.floor(r() * 6), j = (i + 1 + Math.floor(r() * 5)) % 6, k = (i + 3) % 6 === j ? (i + 2) % 6 : (i + 3) % 6;
    return [WEAVE[i] ?? '#fff', WEAVE[j] ?? '#000', WEAVE[k] ?? '#000'];
  });
  let defs = gradient('fold', 'rgba(255,255,255,.18)', 'rgba(0,0,0,.28)'), body = shadow(x0 + 310, floor + 4, 370, 22);
  cloth.forEach(([base = '', a = '', b = ''], k) => {
    defs += `<pattern id="cl${k}" width="48" height="48" patternUnits="userSpaceOnUse">${rect(0, 0, 48, 48, base)}${rect(6, 0, 6, 48, a)}${rect(30, 0, 3, 48, b)}</pattern>`;
    const w = 620 - k * 16 + between(r, -10, 10), x = x0 + k * 8 + between(r, -8, 8), y = floor - (k + 1) * 74, top = `M${n1(x + 10)} ${y + 10}H${n1(x + w - 10)}l-34 -52H${n1(x + 44)}Z`;
    // Only the top cloth shows its upper face; the others are seen by their folded front edge.
    if (k === cloth.length - 1) body += path(top, `url(#cl${k})`) + path(top, '#fff', 'opacity=".1"');
    body += rect(x, y, w, 74, base, 'rx="26"') + teenJok(x + 10, y + 14, w - 20, a, b) + stroke(`M${n1(x + 16)} ${y + 7}h${n1(w - 32)}M${n1(x + 16)} ${y + 67}h${n1(w - 32)}`, b, 4) + rect(x, y, w, 74, 'url(#fold)', 'rx="26"');
  });
  // The scarf's loose end lies on the table in front, finished with a knotted fringe.
  if (scarf) body += path(`M${n1(x0 + 70)} ${floor - 20}H${n1(x0 + 270)}L${n1(x0 + 330)} 760H${n1(x0 + 130)}Z`, 'url(#cl0)') + teenJok(x0 + 120, 716, 210, cloth[0]?.[1] ?? '#fff', cloth[0]?.[2] ?? '#000') +
    times(22, (i) => stroke(`M${n1(x0 + 136 + i * 9)} 760l${n1(2 + i * 0.3)} ${n1(between(r, 24, 34))}`, '#f1e6cf', 4, 'stroke-linecap="round"'));
  const yx = between(r, 980, 1080), yarn = pick(r, WEAVE), strands = times(7, (i) => stroke(`M${n1(yx - 76)} ${600 + i * 10}q76 ${-60 + i * 18} 150 ${-10 + i * 12}`, '#fff', 4, 'stroke-opacity=".25"'));
  const ball = `${shadow(yx, 700, 90, 16)}<clipPath id="ball"><circle cx="${n1(yx)}" cy="630" r="80"/></clipPath><circle cx="${n1(yx)}" cy="630" r="80" fill="${yarn}"/>` +
    `<g clip-path="url(#ball)">${strands}</g>${stroke(`M${n1(yx - 60)} 682q-60 50 -150 60`, yarn, 5)}`;
  return `<defs>${defs}</defs>${body}${ball}`;
}

const SCENES: Record<string, (r: Rand, slug: string) => string> = { coffee, tea, 'cacao-chocolate': cacao, 'honey-bee-products': honey, textiles };

/** A 1200x800 JPEG still life for a product: the scene follows the category, the details the product slug. */
export function productPhoto(productSlug: string, categorySlug: string): Promise<Buffer> {
  const r = rng(`${categorySlug}/${productSlug}`), backdrop = stage(r);
  // Mirroring half of the compositions is the cheapest way to make siblings in a category look different.
  const flip = r() < 0.5 ? 'transform="matrix(-1 0 0 1 1200 0)"' : '';
  return render('', `${backdrop}<g ${flip}>${(SCENES[categorySlug] ?? coffee)(r, productSlug)}</g>`);
}

// A ridge line through jittered points, smoothed as a Catmull-Rom spline so hills roll instead of scalloping.
function hill(r: Rand, base: number, amp: number, fill: string): string {
  const p: [number, number][] = [];
  for (let x = -150; x < W + 450; x += between(r, 180, 340)) p.push([x, base - between(r, 0.1, 1) * amp]);
  const q = (i: number): [number, number] => p[Math.max(0, Math.min(p.length - 1, i))] ?? [0, base];
  let d = `M-150 ${H}L${q(0).map(n1).join(' ')}`;
  for (let i = 0; i < p.length - 1; i++) {
    const [a, b, c, e] = [q(i - 1), q(i), q(i + 1), q(i + 2)];
    d += `C${[b[0] + (c[0] - a[0]) / 6, b[1] + (c[1] - a[1]) / 6, c[0] - (e[0] - b[0]) / 6, c[1] - (e[1] - b[1]) / 6, c[0], c[1]].map(n1).join(' ')}`;
  }
  return path(`${d}V${H}Z`, fill);
}

function farm(r: Rand, kind: MemberKind): string {
  const trunk = '#5b3b22', ground = hill(r, 650, 40, hsl(100, 42, 30));
  if (kind === 'coffee') // rows of shrubs heavy with red cherries, larger towards the viewer
    return ground + times(27, (i) => {
      const row = Math.floor(i / 9), s = 0.8 + row * 0.25, x = 40 + (i % 9) * 140 + row * 50 + between(r, -15, 15), y = 650 + row * 58;
      return ell(x, y, 50 * s, 40 * s, hsl(120, 45, 20 + row * 3)) + ell(x - 12 * s, y - 14 * s, 26 * s, 18 * s, hsl(110, 45, 32)) +
        times(6, () => `<circle cx="${n1(x + between(r, -35, 35) * s)}" cy="${n1(y + between(r, -18, 25) * s)}" r="${n1(5 * s)}" fill="#c0262b"/>`);
    });
  if (kind === 'tea') { // terraces: rows of clipped bushes following the contour of a rounded hill
    const top = between(r, 470, 520), mx = n1(between(r, 400, 800)), mound = `M-50 ${H}V660Q${mx} ${n1(2 * top - 650)} 1250 640V${H}Z`;
    return `<defs><clipPath id="mound"><path d="${mound}"/></clipPath></defs>${path(mound, hsl(100, 40, 24))}<g clip-path="url(#mound)">` +
      times(11, (i) => stroke(`M-50 ${680 + i * 26 + i * i * 2}Q${mx} ${n1(top + 10 + i * 30 + i * i * 2)} 1250 ${660 + i * 26 + i * i * 2}`, hsl(92, 55, 36 + (i % 3) * 4), 12 + i * 2, `stroke-linecap="round" stroke-dasharray="${40 + i * 6} 4"`)) + '</g>';
  }
  if (kind === 'cacao') // understorey trees with pods growing straight from the trunk, as cacao does
    return ground + times(6, (i) => {
      const x = 100 + i * 200 + between(r, -30, 30), y = 520 + between(r, 0, 60), g = hsl(110, 40, 22);
      return `<g transform="translate(${n1(x)} ${n1(y + 180)}) scale(${between(r, 0.7, 1.05).toFixed(2)}) translate(${n1(-x)} ${n1(-y - 180)})">${rect(x - 10, y - 40, 20, 220, trunk)}` +
        ell(x - 55, y - 20, 75, 55, g) + ell(x + 55, y - 30, 75, 55, g) + ell(x, y - 75, 85, 60, hsl(105, 38, 30)) + times(3, (k) => ell(x + (k - 1) * 18, y + 60 + k * 25, 11, 22, hsl(between(r, 15, 45), 75, 50))) + '</g>';
    });
  if (kind === 'honey') // hives on legs in a flowering meadow, a few bees about
    return ground + times(60, () => `<circle cx="${n1(between(r, 0, W))}" cy="${n1(between(r, 690, 800))}" r="${n1(between(r, 3, 6))}" fill="${pick(r, ['#fff', '#f3d34a', '#e98fb0', '#c9b6f0'])}"/>`) + times(4, (i) => {
      const x = 150 + i * 260 + between(r, -20, 20), y = 600;
      return shadow(x + 60, y + 150, 90, 12) + rect(x + 10, y + 100, 10, 50, trunk) + rect(x + 100, y + 100, 10, 50, trunk) + rect(x, y, 120, 110, hsl(between(r, 20, 45), 45, 55)) +
        stroke(`M${n1(x)} ${y + 55}h120`, '#000', 3, 'stroke-opacity=".25"') + rect(x - 10, y - 16, 140, 18, '#7a5a3a') + rect(x + 45, y + 92, 30, 6, '#222') +
        times(5, () => `<circle cx="${n1(x + between(r, -40, 160))}" cy="${n1(y - between(r, 20, 90))}" r="4" fill="#2a2008"/>`);
    });
  // Weavers: cloths drying on a bamboo line, and a floor loom whose warp narrows onto the woven cloth.
  const cloths = times(5, (i) => {
    const x = 220 + i * 130, a = WEAVE[(i + 1) % 6] ?? '#fff';
    return rect(x, 560, 100, 150 + (i % 2) * 30, WEAVE[i] ?? '#fff') + times(3, (k) => rect(x, 580 + k * 22, 100, 7, a)) + teenJok(x - 10, 650, 120, a, WEAVE[(i + 3) % 6] ?? '#000');
  });
  const loom = `<g transform="translate(960 540)">${rect(0, 0, 190, 14, trunk)}${rect(0, 0, 12, 230, trunk)}${rect(178, 0, 12, 230, trunk)}` +
    times(16, (i) => stroke(`M${n1(18 + i * 10.3)} 14L${n1(40 + i * 7.3)} 140`, '#f1e6cf', 2)) + rect(36, 140, 118, 60, '#9b2d2a') + teenJok(36, 147, 118, '#d9a22b', '#27406b') + rect(0, 196, 190, 12, trunk) + '</g>';
  return ground + stroke('M180 560H900', trunk, 10) + rect(180, 550, 12, 220, trunk) + rect(888, 550, 12, 220, trunk) + cloths + loom;
}

/** A 1200x800 JPEG landscape of a member's farm: sky, layered hills and one element saying what they grow. */
export function memberPhoto(memberSlug: string, kind: MemberKind): Promise<Buffer> {
  const r = rng(`member/${memberSlug}`), sky = between(r, 195, 215);
  const defs = gradient('sky', hsl(sky, 60, 62), hsl(sky - 160, 70, 88)) +
    '<radialGradient id="sun"><stop offset="0" stop-color="#fff8dc"/><stop offset=".3" stop-color="#ffe9a8" stop-opacity=".8"/><stop offset="1" stop-color="#ffe9a8" stop-opacity="0"/></radialGradient>';
  const sun = `<circle cx="${n1(between(r, 150, 1050))}" cy="${n1(between(r, 110, 200))}" r="160" fill="url(#sun)"/>`;
  const clouds = times(4, () => `<g ${at(between(r, 0, W), between(r, 60, 220))} fill="#fff" opacity=".75">${ell(0, 0, 90, 22, '#fff')}${ell(40, -14, 50, 22, '#fff')}</g>`);
  // Far ridges are paler and bluer (aerial perspective), a veil of mist between layers; nearer ones carry
  // clumps of darker tree crowns so they read as forest, not lawn.
  const layers = [0, 1, 2, 3].map((i) => hill(r, 330 + i * 85, 150 - i * 25, hsl(150 - i * 14, 22 + i * 10, 68 - i * 12)) +
    times(i && 40, () => `<circle cx="${n1(between(r, 0, W))}" cy="${n1(between(r, 350 + i * 85, 400 + i * 85))}" r="${n1(between(r, 6, 12) * i)}" fill="${hsl(145 - i * 14, 25 + i * 10, 60 - i * 12)}"/>`));
  return render(defs, rect(0, 0, W, H, 'url(#sky)') + sun + clouds + layers.join(rect(0, 0, W, H, '#fff', 'opacity=".07"')) + farm(r, kind));
}

// Helvetica advance widths (1/1000 em) for ASCII 32..126, from the standard AFM: lets us centre lines.
const HELVETICA = ('278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 278 278 584 584 584 556 ' +
  '1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 ' +
  '333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584').split(' ').map(Number);

// Only printable ASCII reaches the PDF: accents are folded, typographic punctuation made plain, the rest '?'.
const ascii = (s: string): string =>
  s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-').replace(/\u2026/g, '...').replace(/[^\x20-\x7e]/g, '?');

/** A one-page A4 landscape PDF 1.4 certificate in the standard Helvetica fonts (nothing embedded). */
export function certificatePdf(title: string, holder: string, number: string, validUntil: string): Buffer {
  const line = (text: string, bold: boolean, size: number, y: number): string => {
    const t = ascii(text), em = (t.split('').reduce((w, ch) => w + (HELVETICA[ch.charCodeAt(0) - 32] ?? 556), 0) / 1000) * (bold ? 1.06 : 1);
    const fit = Math.min(size, 720 / Math.max(em, 1)), x = (842 - em * fit) / 2; // long lines shrink to stay inside the border
    return `BT /${bold ? 'F2' : 'F1'} ${fit.toFixed(1)} Tf ${x.toFixed(1)} ${y} Td (${t.replace(/[\\()]/g, '\\$&')}) Tj ET\n`;
  };
  const content = '0.36 0.25 0.13 RG 6 w 30 30 782 535 re S 1 w 42 42 758 511 re S 321 392 m 521 392 l S\n0.15 0.1 0.05 rg\n' +
    line(title, true, 30, 420) + line(holder, false, 22, 330) + line(`Certificate no. ${number}`, false, 15, 262) + line(`Valid until ${validUntil}`, false, 15, 232);
  const font = (name: string): string => `<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`;
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`, font('Helvetica'), font('Helvetica-Bold')];
  // Everything is ASCII, so string length equals byte length and the xref offsets come out exact.
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return Buffer.from(`${out}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF`, 'latin1');
}
