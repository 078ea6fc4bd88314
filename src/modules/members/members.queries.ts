import type { DbOrTx } from '#platform/db/index.js';
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
