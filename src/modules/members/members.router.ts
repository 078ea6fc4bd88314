import { Router, type Request, type Response } from 'express';
import { AppError } from '#platform/http/errors.js';
import { formValues, renderInvalid } from '#platform/http/forms.js';
import { countryOptions } from '#platform/i18n/countries.js';
import { LOCALES } from '#platform/i18n/locales.js';
import type { DocumentStore } from '#platform/uploads/documents.js';
import { uploadFields } from '#platform/uploads/multer.js';
import { anyone, auditContext, authorize } from '#modules/accounts/index.js';
import type { MembersService } from '#modules/members/members.service.js';
import type { MemberProfileService } from '#modules/members/profile.service.js';

export interface MembersRouterDeps {
  members: MembersService;
  memberProfiles: MemberProfileService;
  documents: DocumentStore;
}

/** /{lng}/members/:slug — the public profile. */
export function createMemberPagesRouter({ memberProfiles }: MembersRouterDeps): Router {
  const router = Router();
  router.get('/members/:slug', anyone, async (req, res) => {
    const member = await memberProfiles.profile(String(req.params.slug), res.locals.lng);
    if (!member) throw new AppError('not_found');
    res.render('members/member-show', { title: member.name, member, description: member.story.slice(0, 200) });
  });
  return router;
}

const memberUser = authorize({ who: ['member'] });
const SITE_FIELDS = ['name', 'country', 'areaHa', 'latitude', 'longitude', 'polygon'] as const;
const CERT_FIELDS = ['name', 'issuingBody', 'number', 'validUntil'] as const;

/** /member… — the workspace of a member organisation's users, in their own language. */
export function createMemberWorkspaceRouter({ members, memberProfiles, documents }: MembersRouterDeps): Router {
  const router = Router();
  const memberOf = (req: Request) => {
    const id = req.user?.memberId;
    if (!id) throw new AppError('forbidden');
    return id;
  };
  const vm = async (req: Request, res: Response, extra: object = {}) => ({
    member: (await memberProfiles.profileOf(memberOf(req), res.locals.lng))!,
    countries: countryOptions(res.locals.lng),
    locales: LOCALES,
    values: {},
    errors: {},
    ...extra,
  });
  const back = (res: Response, anchor: string) => res.redirect(303, `/member#${anchor}`);

  router.get('/', memberUser, async (req, res) => {
    const v = await vm(req, res);
    const stories = Object.fromEntries(Object.entries(v.member.stories).map(([l, s]) => [`story_${l}`, s]));
    res.render('members/workspace-index', { ...v, values: { name: v.member.name, country: v.member.country, region: v.member.region, locality: v.member.locality, ...stories } });
  });

  router.post('/profile', memberUser, async (req, res) => {
    const values = formValues(req.body, ['name', 'country', 'region', 'locality', ...LOCALES.map((l) => `story_${l}`)]);
    const stories = Object.fromEntries(LOCALES.map((l) => [l, values[`story_${l}`]]));
    try {
      await memberProfiles.updateProfile(memberOf(req), { name: values.name, country: values.country, region: values.region, locality: values.locality, stories }, auditContext(req));
      req.session.flash = 'members:workspace.saved';
      back(res, 'profile');
    } catch (err) {
      renderInvalid(res, 'members/workspace-index', await vm(req, res, { values }), err);
    }
  });

  router.post('/sites', memberUser, async (req, res) => {
    const values = formValues(req.body, SITE_FIELDS);
    try {
      await members.addSite(memberOf(req), { ...values, polygon: values.polygon || undefined }, auditContext(req));
      back(res, 'sites');
    } catch (err) {
      renderInvalid(res, 'members/workspace-index', await vm(req, res, { siteValues: values, siteErrors: (err as AppError).fields }), err);
    }
  });
  router.post('/sites/:siteId/delete', authorize({ who: ['member'], owner: 'member' }), async (req, res) => {
    await memberProfiles.removeSite(memberOf(req), Number(req.params.siteId) || 0, auditContext(req));
    back(res, 'sites');
  });

  router.post('/certifications', memberUser, uploadFields([{ name: 'document', maxCount: 1 }]), async (req, res) => {
    const values = formValues(req.body, CERT_FIELDS);
    try {
      const file = (req.files as Record<string, Express.Multer.File[]> | undefined)?.document?.[0];
      const doc = file ? await documents.savePdf(file.buffer, file.originalname, 'document') : undefined;
      await memberProfiles.addCertification(memberOf(req), values, doc, auditContext(req));
      back(res, 'certifications');
    } catch (err) {
      renderInvalid(res, 'members/workspace-index', await vm(req, res, { certValues: values, certErrors: (err as AppError).fields }), err);
    }
  });
  router.post('/certifications/:certificationId/delete', authorize({ who: ['member'], owner: 'member' }), async (req, res) => {
    await memberProfiles.removeCertification(memberOf(req), Number(req.params.certificationId) || 0, auditContext(req));
    back(res, 'certifications');
  });

  router.post('/photos', memberUser, uploadFields([{ name: 'photo', maxCount: 1 }]), async (req, res) => {
    const file = (req.files as Record<string, Express.Multer.File[]> | undefined)?.photo?.[0];
    try {
      if (!file) throw new AppError('validation', 'errors:validation.message', {}, { photo: 'errors:field.fileRequired' });
      await memberProfiles.addPhoto(memberOf(req), file.buffer, auditContext(req));
      back(res, 'photos');
    } catch (err) {
      renderInvalid(res, 'members/workspace-index', await vm(req, res, { photoErrors: (err as AppError).fields }), err);
    }
  });
  router.post('/photos/:imageId/delete', authorize({ who: ['member'], owner: 'member' }), async (req, res) => {
    await memberProfiles.removePhoto(memberOf(req), Number(req.params.imageId) || 0, auditContext(req));
    back(res, 'photos');
  });
  return router;
}
