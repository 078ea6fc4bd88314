import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import { AppError } from '#platform/http/errors.js';
import { parseOrThrow } from '#platform/http/validation.js';
import { isLocale, LOCALES, type Locale } from '#platform/i18n/locales.js';
import { z } from 'zod';
import type { ImageProcessor } from '#platform/uploads/images.js';
import { insertImage, toImageView, type ImageView } from '#platform/uploads/images.queries.js';
import * as q from '#modules/members/members.queries.js';
import { toMember, toSite, type Member, type Site } from '#modules/members/members.rows.js';

export interface Certification {
  id: number;
  name: string;
  issuingBody: string;
  number: string;
  validUntil: string;
  document: { key: string; fileName: string } | null;
}

export interface MemberProfile extends Member {
  story: string;
  storyLocale: Locale | null;
  stories: Partial<Record<Locale, string>>;
  sites: Site[];
  certifications: Certification[];
  products: { slug: string; name: string; textLocale: string }[];
  photos: ImageView[];
}

const profileSchema = z.object({
  name: z.string().trim().min(1).max(200),
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'country' }),
  region: z.string().trim().max(120),
  locality: z.string().trim().max(120),
  stories: z.partialRecord(z.enum(LOCALES), z.string().trim().max(5000)),
});

const certificationSchema = z.object({
  name: z.string().trim().min(1).max(120),
  issuingBody: z.string().trim().min(1).max(200),
  number: z.string().trim().max(80).default(''),
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' }).refine((d) => !Number.isNaN(Date.parse(d)), { message: 'date' }),
});

/** A member's public profile and what its users keep up to date: story, certifications, sites. */
export interface ProfileDeps {
  db: Db;
  clock: Clock;
  defaultLocale: Locale;
  audit: Audit;
  images: ImageProcessor;
}

export function createMemberProfileService({ db, clock, defaultLocale, audit, images }: ProfileDeps) {
  async function profile(slug: string, lng: Locale): Promise<MemberProfile | undefined> {
    const row = await q.selectMemberBySlug(db, slug);
    if (!row || row.status !== 'active') return undefined;
    return profileOf(row.id, lng);
  }

  async function profileOf(memberId: number, lng: Locale): Promise<MemberProfile | undefined> {
    const row = await q.selectMemberById(db, memberId);
    if (!row) return undefined;
    const [translations, sites, certs, products, photos] = await Promise.all([
      q.selectMemberTranslations(db, memberId),
      q.selectSitesOfMember(db, memberId),
      q.selectCertifications(db, memberId),
      q.selectSuppliedProducts(db, memberId, lng, defaultLocale),
      q.selectMemberPhotos(db, memberId),
    ]);
    const story = translations.find((t) => t.locale === lng) ?? translations.find((t) => t.locale === defaultLocale);
    return {
      ...toMember(row),
      story: story?.story ?? '',
      storyLocale: story && isLocale(story.locale) ? story.locale : null,
      stories: Object.fromEntries(translations.map((t) => [t.locale, t.story])),
      sites: sites.map(toSite),
      certifications: certs.map((c) => ({
        id: c.id,
        name: c.name,
        issuingBody: c.issuing_body,
        number: c.number,
        validUntil: c.valid_until,
        document: c.storage_key ? { key: c.storage_key, fileName: c.file_name ?? 'certificate.pdf' } : null,
      })),
      products: (products as { slug: string; name: string; text_locale: string }[]).map((p) => ({ slug: p.slug, name: p.name, textLocale: p.text_locale })),
      photos: photos.map(toImageView),
    };
  }

  async function updateProfile(memberId: number, input: unknown, ctx: AuditContext): Promise<void> {
    const data = parseOrThrow(profileSchema, input);
    await db.transaction(async (trx) => {
      await q.updateMemberProfile(trx, memberId, { name: data.name, country: data.country, region: data.region, locality: data.locality, updated_at: clock.nowIso() });
      await q.replaceMemberTranslations(
        trx,
        memberId,
        Object.entries(data.stories).filter(([, s]) => s).map(([locale, story]) => ({ member_id: memberId, locale, story: story ?? '' })),
      );
      await audit.record(ctx, 'member.profileChanged', { type: 'member', id: memberId }, {}, trx);
    });
  }

  async function addCertification(memberId: number, input: unknown, document: { key: string; fileName: string; bytes: number } | undefined, ctx: AuditContext): Promise<void> {
    const data = parseOrThrow(certificationSchema, input);
    const now = clock.nowIso();
    await db.transaction(async (trx) => {
      const documentId = document ? await q.insertDocument(trx, { member_id: memberId, storage_key: document.key, file_name: document.fileName, bytes: document.bytes, created_at: now }) : null;
      const id = await q.insertCertification(trx, {
        member_id: memberId,
        name: data.name,
        issuing_body: data.issuingBody,
        number: data.number,
        valid_until: data.validUntil,
        document_id: documentId,
        created_at: now,
      });
      await audit.record(ctx, 'member.certificationAdded', { type: 'member', id: memberId }, { certificationId: id }, trx);
    });
  }

  return {
    profile,
    profileOf,
    updateProfile,
    addCertification,
    async removeCertification(memberId: number, id: number, ctx: AuditContext) {
      if ((await q.deleteCertification(db, id, memberId)) !== 1) throw new AppError('not_found');
      await audit.record(ctx, 'member.certificationRemoved', { type: 'member', id: memberId }, { certificationId: id });
    },
    async removeSite(memberId: number, id: number, ctx: AuditContext) {
      if ((await q.deleteSite(db, id, memberId)) !== 1) throw new AppError('not_found');
      await audit.record(ctx, 'member.siteRemoved', { type: 'member', id: memberId }, { siteId: id });
    },
    documentName: (key: string) => q.selectDocumentName(db, key),
    /** Re-encodes the photo (no metadata leaves the server) and adds it to the member's profile. */
    async addPhoto(memberId: number, buffer: Buffer, ctx: AuditContext): Promise<void> {
      const image = await images.process(buffer, 'photo');
      const count = (await q.selectMemberPhotos(db, memberId)).length;
      await db.transaction(async (trx) => {
        const imageId = await insertImage(trx, image, memberId, clock.nowIso());
        await q.insertMemberPhoto(trx, memberId, imageId, count);
        await audit.record(ctx, 'member.photoAdded', { type: 'member', id: memberId }, { imageId }, trx);
      });
    },
    async removePhoto(memberId: number, imageId: number, ctx: AuditContext): Promise<void> {
      if ((await q.deleteMemberPhoto(db, memberId, imageId)) !== 1) throw new AppError('not_found');
      await audit.record(ctx, 'member.photoRemoved', { type: 'member', id: memberId }, { imageId });
    },
  };
}

export type MemberProfileService = ReturnType<typeof createMemberProfileService>;
