import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import { AppError } from '#platform/http/errors.js';
import { parseOrThrow } from '#platform/http/validation.js';
import { isLocale, type Locale } from '#platform/i18n/locales.js';
import * as q from '#modules/members/members.queries.js';
import {
  toMember,
  toSite,
  type Member,
  type MemberStatus,
  type MemberSummary,
  type Site,
} from '#modules/members/members.rows.js';
import {
  addSiteSchema,
  createMemberSchema,
  type AddSiteInput,
  type CreateMemberInput,
} from '#modules/members/members.schemas.js';
import { parsePolygon, POLYGON_REQUIRED_ABOVE_M2, type Polygon } from '#modules/members/sites.geometry.js';

export interface MembersDeps {
  db: Db;
  clock: Clock;
  defaultLocale: Locale;
  audit: Audit;
}

export function createMembersService({ db, clock, defaultLocale, audit }: MembersDeps) {
  async function create(input: CreateMemberInput | Record<string, string>, ctx?: AuditContext): Promise<Member> {
    const data = parseOrThrow(createMemberSchema, input);
    const now = clock.nowIso();
    return db.transaction(async (trx) => {
      if (await q.selectMemberBySlug(trx, data.slug)) {
        throw new AppError('conflict', 'errors:conflict.slugTaken', {}, { slug: 'errors:field.taken' });
      }
      const { story, ...fields } = data;
      const id = await q.insertMember(trx, { ...fields, created_at: now, updated_at: now });
      await q.insertMemberTranslations(
        trx,
        Object.entries(story).map(([locale, text]) => ({ member_id: id, locale, story: text ?? '' })),
      );
      if (ctx) await audit.record(ctx, 'member.created', { type: 'member', id }, { slug: data.slug, status: data.status }, trx);
      return toMember((await q.selectMemberBySlug(trx, data.slug))!);
    });
  }

  async function setStatus(id: number, status: MemberStatus, ctx?: AuditContext): Promise<void> {
    const before = await q.selectMemberById(db, id);
    if (!before) throw new AppError('not_found');
    await q.updateMemberStatus(db, id, status, clock.nowIso());
    if (ctx) await audit.record(ctx, 'member.statusChanged', { type: 'member', id }, { from: before.status, to: status });
  }

  async function byId(id: number): Promise<Member | undefined> {
    const row = await q.selectMemberById(db, id);
    return row ? toMember(row) : undefined;
  }

  async function listAll(): Promise<Member[]> {
    return (await q.selectAllMembers(db)).map(toMember);
  }

  async function bySlug(slug: string): Promise<Member | undefined> {
    const row = await q.selectMemberBySlug(db, slug);
    return row ? toMember(row) : undefined;
  }

  async function listActive(lng: Locale, limit = 50): Promise<MemberSummary[]> {
    const rows = await q.selectActiveMembers(db, lng, defaultLocale, limit);
    return rows.map((r) => ({
      ...toMember(r),
      story: r.story ?? '',
      storyLocale: isLocale(r.story_locale) ? r.story_locale : null,
      siteCount: Number(r.site_count),
    }));
  }

  async function addSite(memberId: number, input: AddSiteInput, ctx?: AuditContext): Promise<Site> {
    const data = parseOrThrow(addSiteSchema, input);
    let polygon: Polygon | null = null;
    if (data.polygon) {
      const parsed = parsePolygon(data.polygon);
      if ('problem' in parsed) {
        throw new AppError('validation', 'errors:validation.message', {}, { polygon: `errors:field.${parsed.problem}` });
      }
      polygon = parsed.polygon;
    } else if (data.areaHa > POLYGON_REQUIRED_ABOVE_M2) {
      throw new AppError('validation', 'errors:validation.message', {}, { polygon: 'errors:field.polygon.required' });
    }
    const id = await q.insertSite(db, {
      member_id: memberId,
      name: data.name,
      country: data.country,
      area_m2: data.areaHa,
      lat_e6: data.latitude,
      lon_e6: data.longitude,
      polygon_geojson: polygon ? JSON.stringify(polygon) : null,
      created_at: clock.nowIso(),
    });
    if (ctx) await audit.record(ctx, 'member.siteAdded', { type: 'member', id: memberId }, { siteId: id });
    return (await sites(memberId)).find((s) => s.id === id)!;
  }

  async function sites(memberId: number): Promise<Site[]> {
    return (await q.selectSitesOfMember(db, memberId)).map(toSite);
  }

  return { create, setStatus, byId, bySlug, listAll, listActive, addSite, sites };
}

export type MembersService = ReturnType<typeof createMembersService>;
