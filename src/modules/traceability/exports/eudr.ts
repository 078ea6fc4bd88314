import { scaledToDecimalString } from '#platform/decimal.js';
import type { TraceRecord } from '#modules/traceability/traceability.rows.js';

type Site = TraceRecord['sites'][number];

/** The EU information system takes a Point for plots up to 4 ha, with an Area of 0.0001–4 ha. */
const POINT_MIN_M2 = 1;
const POINT_MAX_M2 = 40_000;

// Written from integer micro-degrees, so the text always holds exactly six decimals
// (a float through JSON.stringify would print 99.8 for 99.800000).
const degrees = (e6: number) => scaledToDecimalString(Math.round(e6), 6);
const position = ([lonE6, latE6]: [number, number]) => `[${degrees(lonE6)},${degrees(latE6)}]`;

/** The outer ring only (no holes), rounded to six decimals, without repeated vertices, closed. */
function ringText(ring: [number, number][]): string {
  const pts: [number, number][] = [];
  for (const [lon, lat] of ring) {
    const p: [number, number] = [Math.round(lon * 1e6), Math.round(lat * 1e6)];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  const [first, last] = [pts[0], pts[pts.length - 1]];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) pts.push(first);
  return `[${pts.map(position).join(',')}]`;
}

function geometryText(site: Site): string {
  const outer = site.polygon?.coordinates[0];
  if (outer) return `{"type":"Polygon","coordinates":[${ringText(outer)}]}`;
  return `{"type":"Point","coordinates":${position([site.lonE6, site.latE6])}}`;
}

/** Hectares from square metres as exact decimal text, trailing zeros dropped ("1.8", "0.0001", "4"). */
function areaText(site: Site): string {
  const m2 = Math.round(site.areaM2);
  const bounded = site.polygon ? m2 : Math.min(Math.max(m2, POINT_MIN_M2), POINT_MAX_M2);
  return scaledToDecimalString(bounded, 4).replace(/\.?0+$/, '');
}

function featureText(site: Site, producer: string): string {
  const properties = [
    `"ProducerName":${JSON.stringify(producer)}`,
    `"ProducerCountry":${JSON.stringify(site.country)}`,
    `"ProductionPlace":${JSON.stringify(site.name)}`,
    `"Area":${areaText(site)}`,
  ].join(',');
  return `{"type":"Feature","properties":{${properties}},"geometry":${geometryText(site)}}`;
}

/**
 * The plots of the given lots as the GeoJSON FeatureCollection the EU deforestation regulation's
 * information system reads (EPSG:4326, [lon, lat]): one feature per site, each site once.
 */
export function eudrGeoJson(records: TraceRecord[]): { text: string } {
  const seen = new Set<number>();
  const features: string[] = [];
  for (const record of records) {
    for (const site of record.sites) {
      if (seen.has(site.id)) continue;
      seen.add(site.id);
      features.push(featureText(site, record.member.name));
    }
  }
  return { text: `{"type":"FeatureCollection","features":[${features.length ? `\n${features.join(',\n')}\n` : ''}]}\n` };
}
