import type { Locale } from '#platform/i18n/locales.js';
import type { Polygon } from '#modules/members/sites.geometry.js';

export type MemberStatus = 'pending' | 'active' | 'suspended';

export interface MemberRow {
  id: number;
  slug: string;
  name: string;
  country: string;
  region: string;
  locality: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface MemberTranslationRow {
  member_id: number;
  locale: string;
  story: string;
}

export interface SiteRow {
  id: number;
  member_id: number;
  name: string;
  country: string;
  area_m2: number | string; // PostgreSQL returns bigint as text
  lat_e6: number;
  lon_e6: number;
  polygon_geojson: string | null;
  created_at: string;
}

export interface Member {
  id: number;
  slug: string;
  name: string;
  country: string;
  region: string;
  locality: string;
  status: MemberStatus;
  createdAt: string;
}

/** A member as shown to readers of one language: the story falls back to the default locale. */
export interface MemberSummary extends Member {
  story: string;
  storyLocale: Locale | null;
  siteCount: number;
}

export interface Site {
  id: number;
  memberId: number;
  name: string;
  country: string;
  areaM2: number;
  latE6: number;
  lonE6: number;
  polygon: Polygon | null;
}

export function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    country: row.country,
    region: row.region,
    locality: row.locality,
    status: row.status as MemberStatus,
    createdAt: row.created_at,
  };
}

export function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    memberId: row.member_id,
    name: row.name,
    country: row.country,
    areaM2: Number(row.area_m2),
    latE6: row.lat_e6,
    lonE6: row.lon_e6,
    polygon: row.polygon_geojson ? (JSON.parse(row.polygon_geojson) as Polygon) : null,
  };
}
