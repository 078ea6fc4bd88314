import type { DbOrTx } from '#platform/db/index.js';
import type { ImageRow } from '#platform/uploads/images.queries.js';
import type { MemberRow, MemberTranslationRow, SiteRow } from '#modules/members/members.rows.js';

export async function insertMember(db: DbOrTx, row: Omit<MemberRow, 'id'>): Promise<number> {
  const [inserted] = await db('members').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function insertMemberTranslations(db: DbOrTx, rows: MemberTranslationRow[]): Promise<void> {
  if (rows.length) await db('member_translations').insert(rows);
}

export async function updateMemberStatus(db: DbOrTx, id: number, status: string, at: string): Promise<number> {
  return db('members').where({ id }).update({ status, updated_at: at });
}

export async function selectMemberById(db: DbOrTx, id: number): Promise<MemberRow | undefined> {
  return db<MemberRow>('members').where({ id }).first();
}

export async function selectAllMembers(db: DbOrTx): Promise<MemberRow[]> {
  return db<MemberRow>('members').orderBy('name');
}

export async function selectMemberBySlug(db: DbOrTx, slug: string): Promise<MemberRow | undefined> {
  return db<MemberRow>('members').where({ slug }).first();
}

export interface MemberSummaryRow extends MemberRow {
  story: string | null;
  story_locale: string | null;
  site_count: number | string;
}

/** Active members with the story in `lng`, else in `fallback`. */
export async function selectActiveMembers(
  db: DbOrTx,
  lng: string,
  fallback: string,
  limit: number,
): Promise<MemberSummaryRow[]> {
  return db('members as m')
    .leftJoin('member_translations as tl', (j) => j.on('tl.member_id', 'm.id').andOnVal('tl.locale', lng))
    .leftJoin('member_translations as tf', (j) => j.on('tf.member_id', 'm.id').andOnVal('tf.locale', fallback))
    .where('m.status', 'active')
    .select(
      'm.*',
      db.raw('coalesce(tl.story, tf.story) as story'),
      db.raw('case when tl.story is not null then tl.locale else tf.locale end as story_locale'),
      db('sites as s').count('*').where('s.member_id', db.ref('m.id')).as('site_count'),
    )
    .orderBy('m.name')
    .limit(limit);
}

export async function insertSite(db: DbOrTx, row: Omit<SiteRow, 'id'>): Promise<number> {
  const [inserted] = await db('sites').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function selectSitesOfMember(db: DbOrTx, memberId: number): Promise<SiteRow[]> {
  return db<SiteRow>('sites').where({ member_id: memberId }).orderBy('id');
}

export async function updateMemberProfile(
  db: DbOrTx,
  id: number,
  patch: { name: string; country: string; region: string; locality: string; updated_at: string },
): Promise<void> {
  await db('members').where({ id }).update(patch);
}

export async function replaceMemberTranslations(db: DbOrTx, memberId: number, rows: MemberTranslationRow[]): Promise<void> {
  await db('member_translations').where({ member_id: memberId }).delete();
  if (rows.length) await db('member_translations').insert(rows);
}

export async function selectMemberTranslations(db: DbOrTx, memberId: number): Promise<MemberTranslationRow[]> {
  return db<MemberTranslationRow>('member_translations').where({ member_id: memberId });
}

export async function deleteSite(db: DbOrTx, id: number, memberId: number): Promise<number> {
  return db('sites').where({ id, member_id: memberId }).delete();
}

export interface CertificationRow {
  id: number;
  member_id: number;
  name: string;
  issuing_body: string;
  number: string;
  valid_until: string;
  document_id: number | null;
  created_at: string;
  storage_key?: string | null;
  file_name?: string | null;
}

export async function selectCertifications(db: DbOrTx, memberId: number): Promise<CertificationRow[]> {
  return db('certifications as c')
    .leftJoin('documents as d', 'd.id', 'c.document_id')
    .where('c.member_id', memberId)
    .select('c.*', 'd.storage_key', 'd.file_name')
    .orderBy('c.valid_until', 'desc');
}

export async function insertCertification(db: DbOrTx, row: Omit<CertificationRow, 'id'>): Promise<number> {
  const [inserted] = await db('certifications').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function deleteCertification(db: DbOrTx, id: number, memberId: number): Promise<number> {
  return db('certifications').where({ id, member_id: memberId }).delete();
}

export async function insertDocument(
  db: DbOrTx,
  row: { member_id: number | null; storage_key: string; file_name: string; bytes: number; created_at: string },
): Promise<number> {
  const [inserted] = await db('documents').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function selectDocumentName(db: DbOrTx, key: string): Promise<string | undefined> {
  return (await db('documents').where({ storage_key: key }).first<{ file_name: string } | undefined>('file_name'))?.file_name;
}

export async function selectSuppliedProducts(db: DbOrTx, memberId: number, lng: string, fallback: string) {
  return db('member_products as mp')
    .join('products as p', 'p.id', 'mp.product_id')
    .leftJoin('product_translations as tl', (j) => j.on('tl.product_id', 'p.id').andOnVal('tl.locale', lng))
    .leftJoin('product_translations as tf', (j) => j.on('tf.product_id', 'p.id').andOnVal('tf.locale', fallback))
    .where('mp.member_id', memberId)
    .andWhere('p.status', 'active')
    .select('p.slug', db.raw('coalesce(tl.name, tf.name) as name'), db.raw('case when tl.name is not null then tl.locale else tf.locale end as text_locale'))
    .orderBy('p.id');
}

export async function insertMemberPhoto(db: DbOrTx, memberId: number, imageId: number, position: number): Promise<void> {
  await db('member_photos').insert({ member_id: memberId, image_id: imageId, position });
}

export async function selectMemberPhotos(db: DbOrTx, memberId: number): Promise<ImageRow[]> {
  return db('member_photos as mp').join('images as i', 'i.id', 'mp.image_id').where('mp.member_id', memberId).select('i.*').orderBy(['mp.position', 'i.id']);
}

export async function deleteMemberPhoto(db: DbOrTx, memberId: number, imageId: number): Promise<number> {
  return db('member_photos').where({ member_id: memberId, image_id: imageId }).delete();
}
