/** GeoJSON Polygon in WGS84: rings of [longitude, latitude], each closed, six decimals. */
export interface Polygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}

/** The EU deforestation regulation asks for a polygon above 4 ha. */
export const POLYGON_REQUIRED_ABOVE_M2 = 40_000;

export type GeometryProblem =
  | 'polygon.invalidJson'
  | 'polygon.notPolygon'
  | 'polygon.tooFewPoints'
  | 'polygon.notClosed'
  | 'polygon.outOfRange'
  | 'polygon.required';

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function isPosition(p: unknown): p is [number, number] {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
}

/** Validates a GeoJSON Polygon text; returns the normalised polygon or the first problem found. */
export function parsePolygon(text: string): { polygon: Polygon } | { problem: GeometryProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'polygon.invalidJson' };
  }
  const v = value as { type?: unknown; coordinates?: unknown };
  if (v?.type !== 'Polygon' || !Array.isArray(v.coordinates) || v.coordinates.length === 0) {
    return { problem: 'polygon.notPolygon' };
  }
  const rings: [number, number][][] = [];
  for (const ring of v.coordinates as unknown[]) {
    if (!Array.isArray(ring) || !ring.every(isPosition)) return { problem: 'polygon.notPolygon' };
    if (ring.length < 4) return { problem: 'polygon.tooFewPoints' };
    const pts = ring.map(([lon, lat]) => [round6(lon), round6(lat)] as [number, number]);
    if (pts.some(([lon, lat]) => !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90))) return { problem: 'polygon.outOfRange' };
    const first = pts[0] as [number, number];
    const last = pts[pts.length - 1] as [number, number];
    if (first[0] !== last[0] || first[1] !== last[1]) return { problem: 'polygon.notClosed' };
    rings.push(pts);
  }
  return { polygon: { type: 'Polygon', coordinates: rings } };
}
