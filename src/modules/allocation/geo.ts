// Pure: great-circle distance between two points given in integer micro-degrees (the `lat_e6` /
// `lon_e6` columns). Used by the allocation engine's `nearest` policy.

export interface PointE6 {
  latE6: number;
  lonE6: number;
}

/** Mean Earth radius (IUGG), in metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD_PER_E6 = Math.PI / 180 / 1_000_000;

/**
 * Haversine distance in whole metres (rounded), so comparisons between batches are on integers and
 * do not hinge on the last bits of a float. Symmetric, 0 for the same point.
 */
export function distanceMetres(a: PointE6, b: PointE6): number {
  const lat1 = a.latE6 * RAD_PER_E6;
  const lat2 = b.latE6 * RAD_PER_E6;
  const dLat = (b.latE6 - a.latE6) * RAD_PER_E6;
  const dLon = (b.lonE6 - a.lonE6) * RAD_PER_E6;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) ** 2;
  const c = 2 * Math.asin(Math.sqrt(Math.min(1, h)));
  return Math.round(EARTH_RADIUS_M * c);
}
