import type { TraceRecord } from './traceability.rows.js';

// Pure: turns a batch's production sites into numbers an EJS view draws as inline <svg> with
// `<%=` only. No tiles, no third-party requests (strict CSP, and the buyer's privacy).

/** labelX/labelY/labelAnchor place the name (`<text text-anchor=…>`) so it stays inside the map. */
export type SiteShape =
  | { kind: 'polygon'; points: string; label: string; labelX: number; labelY: number; labelAnchor: 'middle' }
  | { kind: 'point'; cx: number; cy: number; label: string; labelX: number; labelY: number; labelAnchor: 'start' | 'end' };

export interface GraticuleLine {
  kind: 'lon' | 'lat';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  label: string;
}

export interface SiteMapView {
  viewBox: string;
  width: number;
  height: number;
  shapes: SiteShape[];
  /** e.g. '500 m' or '2 km'; '' when there are no sites. */
  scaleLabel: string;
  scaleMetres: number;
  scaleBar: { x1: number; y1: number; x2: number; y2: number };
  graticule: GraticuleLine[];
}

type Sites = TraceRecord['sites'];

const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180; // mean Earth radius
const MIN_SPAN_M = 2_000; // a lone point, or plots close together, still show ~2 km around them
const r1 = (v: number): number => Math.round(v * 10) / 10 || 0; // `|| 0` turns -0 into 0

/** The 1-2-5 number not above `v`. */
function nice(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  const m = v / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

/** Each site as one [lon, lat] ring (a point is a ring of one), unwrapped around the first site so a
 *  batch straddling the antimeridian stays in one piece. */
function ringsOf(sites: Sites): [number, number][][] {
  let refLon: number | undefined;
  return sites.map((s) => {
    const raw = s.polygon?.coordinates[0]?.length ? s.polygon.coordinates[0] : [[s.lonE6 / 1e6, s.latE6 / 1e6] as [number, number]];
    const ring = raw.length > 1 && raw[0]![0] === raw.at(-1)![0] && raw[0]![1] === raw.at(-1)![1] ? raw.slice(0, -1) : raw;
    refLon ??= ring[0]![0];
    const ref = refLon;
    return ring.map(([lon, lat]): [number, number] => [lon - 360 * Math.round((lon - ref) / 360), lat]);
  });
}

function emptyView(width: number, height: number): SiteMapView {
  const scaleBar = { x1: 0, y1: 0, x2: 0, y2: 0 };
  return { viewBox: `0 0 ${width} ${height}`, width, height, shapes: [], scaleLabel: '', scaleMetres: 0, scaleBar, graticule: [] };
}

export function siteMap(sites: Sites, opts: { width?: number; height?: number } = {}): SiteMapView {
  const width = Math.max(100, opts.width ?? 600);
  const height = Math.max(100, opts.height ?? 400);
  const rings = ringsOf(sites);
  const all = rings.flat();
  if (all.length === 0) return emptyView(width, height);

  // A loop, not Math.min(...all): an EUDR polygon can have more vertices than a call has arguments.
  let [minLon, maxLon, minLat, maxLat] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [lon, lat] of all) {
    [minLon, maxLon, minLat, maxLat] = [Math.min(minLon, lon), Math.max(maxLon, lon), Math.min(minLat, lat), Math.max(maxLat, lat)];
  }
  const lat0 = (minLat + maxLat) / 2;
  const lon0 = (minLon + maxLon) / 2;
  const kx = Math.cos((lat0 * Math.PI) / 180) * METRES_PER_DEGREE;
  const spanX = Math.max((maxLon - minLon) * kx, MIN_SPAN_M);
  const spanY = Math.max((maxLat - minLat) * METRES_PER_DEGREE, MIN_SPAN_M);

  // One scale for both axes keeps shapes true; the margin leaves room for labels and the scale bar.
  const margin = Math.max(16, 0.1 * Math.min(width, height));
  const pxPerM = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const x = (lon: number): number => width / 2 + (lon - lon0) * kx * pxPerM;
  const y = (lat: number): number => height / 2 - (lat - lat0) * METRES_PER_DEGREE * pxPerM;

  const shapes = rings.map((ring, i): SiteShape => {
    const label = sites[i]!.name;
    if (ring.length === 1) {
      const [cx, cy] = [r1(x(ring[0]![0])), r1(y(ring[0]![1]))];
      const left = cx > width / 2; // the name goes towards the middle of the map
      return { kind: 'point', cx, cy, label, labelX: r1(cx + (left ? -6 : 6)), labelY: cy, labelAnchor: left ? 'end' : 'start' };
    }
    const points = ring.map(([lon, lat]) => `${r1(x(lon))},${r1(y(lat))}`).join(' ');
    const mean = (k: 0 | 1): number => ring.reduce((sum, p) => sum + p[k], 0) / ring.length;
    return { kind: 'polygon', points, label, labelX: r1(x(mean(0))), labelY: r1(y(mean(1))), labelAnchor: 'middle' };
  });

  const scaleMetres = nice((width * 0.25) / pxPerM);
  const scaleLabel = scaleMetres >= 1000 ? `${scaleMetres / 1000} km` : `${scaleMetres} m`;
  const barY = r1(height - margin / 2);
  const scaleBar = { x1: r1(margin), y1: barY, x2: r1(margin + scaleMetres * pxPerM), y2: barY };
  const graticule = graticuleLines(width, height, x, y, pxPerM, kx);
  return { viewBox: `0 0 ${width} ${height}`, width, height, shapes, scaleLabel, scaleMetres, scaleBar, graticule };
}

/** Meridians and parallels at a round step, about 3–6 across the map, labelled in degrees. */
function graticuleLines(
  width: number,
  height: number,
  x: (lon: number) => number,
  y: (lat: number) => number,
  pxPerM: number,
  kx: number,
): GraticuleLine[] {
  const lonAt = (px: number): number => (px - x(0)) / (kx * pxPerM);
  const latAt = (py: number): number => (y(0) - py) / (METRES_PER_DEGREE * pxPerM);
  const step = nice((Math.max(width, height) / 4 / pxPerM) / METRES_PER_DEGREE);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const fmt = (v: number, pos: string, neg: string): string => `${Math.abs(v).toFixed(decimals)}°${v < 0 ? neg : pos}`;
  const lines: GraticuleLine[] = [];
  for (let k = Math.ceil(lonAt(0) / step); k * step <= lonAt(width); k++) {
    const lon = k * step;
    const wrapped = ((((lon + 180) % 360) + 360) % 360) - 180;
    const gx = r1(x(lon));
    lines.push({ kind: 'lon', x1: gx, y1: 0, x2: gx, y2: height, label: fmt(wrapped, 'E', 'W') });
  }
  for (let k = Math.ceil(latAt(height) / step); k * step <= latAt(0); k++) {
    const gy = r1(y(k * step));
    lines.push({ kind: 'lat', x1: 0, y1: gy, x2: width, y2: gy, label: fmt(k * step, 'N', 'S') });
  }
  return lines;
}
