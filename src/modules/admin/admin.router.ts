import { Router, type Request, type Response } from 'express';
import type { Audit } from '#platform/audit/index.js';
import { AppError } from '#platform/http/errors.js';
import { field, formValues, renderInvalid } from '#platform/http/forms.js';
import { countryOptions } from '#platform/i18n/countries.js';
import type { AccountsService, OnboardingService } from '#modules/accounts/index.js';
import { auditContext, authorize, may } from '#modules/accounts/index.js';
import { localeOptions } from '#modules/accounts/onboarding.router.js';
import type { Mailer } from '#modules/mail/index.js';
import type { MemberStatus, MembersService } from '#modules/members/index.js';

export interface AdminRouterDeps {
  accounts: AccountsService;
  onboarding: OnboardingService;
  members: MembersService;
  mailer: Mailer;
  audit: Audit;
}

const coordinator = authorize({ who: ['coordinator'] });
const coordinatorOnMember = authorize({ who: ['coordinator'], owner: 'member' });
const MEMBER_FIELDS = ['slug', 'name', 'country', 'region', 'locality'] as const;
const STATUSES: MemberStatus[] = ['pending', 'active', 'suspended'];

/** /admin…: the coordinator's console. Pages speak the coordinator's own language. */
export function createAdminRouter({ accounts, onboarding, members, mailer, audit }: AdminRouterDeps): Router {
  const router = Router();

  const memberId = async (req: Request) => {
    const id = Number(req.params.memberId);
    const member = Number.isSafeInteger(id) ? await members.byId(id) : undefined;
    if (!member || !may(req.user, 'manage', { type: 'member', memberId: member.id })) throw new AppError('not_found');
    return member;
  };

  const membersVm = async (res: Response, values?: Record<string, string>) => {
    const all = await members.listAll();
    const users = await Promise.all(all.map((m) => accounts.usersOfMember(m.id)));
    return {
      members: all.map((m, i) => ({ ...m, users: users[i] ?? [] })),
      statuses: STATUSES,
      values: values ?? { ...formValues({}, MEMBER_FIELDS), country: '' },
      invite: { email: '', displayName: '', locale: res.locals.lng },
      errors: {},
      countries: countryOptions(res.locals.lng),
      locales: localeOptions(res),
    };
  };

  router.get('/', coordinator, (_req, res) => res.render('admin/admin-index'));
  router.get('/members', coordinator, async (_req, res) => res.render('admin/members-index', await membersVm(res)));
  router.post('/members', coordinator, async (req, res) => {
    const values = formValues(req.body, MEMBER_FIELDS);
    try {
      const member = await members.create({ ...values, status: 'pending' }, auditContext(req));
      res.redirect(303, `/admin/members#member-${member.id}`);
    } catch (err) {
      renderInvalid(res, 'admin/members-index', await membersVm(res, values), err);
    }
  });
  router.post('/members/:memberId/status', coordinatorOnMember, async (req, res) => {
    const member = await memberId(req);
    const status = field(req.body, 'status') as MemberStatus;
    if (!STATUSES.includes(status)) throw new AppError('bad_request');
    await members.setStatus(member.id, status, auditContext(req));
    res.redirect(303, `/admin/members#member-${member.id}`);
  });
  router.post('/members/:memberId/invite', coordinatorOnMember, async (req, res) => {
    const member = await memberId(req);
    const invite = formValues(req.body, ['email', 'displayName', 'locale']);
    try {
      await onboarding.inviteMemberUser(member.id, member.name, invite, auditContext(req));
      req.session.flash = 'admin:members.invited';
      res.redirect(303, `/admin/members#member-${member.id}`);
    } catch (err) {
      renderInvalid(res, 'admin/members-index', { ...(await membersVm(res)), invite, inviteFor: member.id }, err);
    }
  });

  router.post('/users/:userId/status', coordinator, async (req, res) => {
    const status = field(req.body, 'status');
    if (status !== 'active' && status !== 'disabled') throw new AppError('bad_request');
    if (!(await accounts.setUserStatus(Number(req.params.userId) || 0, status, auditContext(req)))) throw new AppError('not_found');
    res.redirect(303, '/admin/members');
  });

  router.get('/outbox', coordinator, async (req, res) => {
    const before = Number(field(req.query, 'before')) || undefined;
    res.render('admin/outbox-index', { messages: await mailer.list(before, 50) });
  });
  router.get('/outbox/:messageId', coordinator, async (req, res) => {
    const message = await mailer.byId(Number(req.params.messageId) || 0);
    if (!message) throw new AppError('not_found');
    res.render('admin/outbox-detail', { message });
  });

  router.get('/audit', coordinator, async (req, res) => {
    const day = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
    const filter = {
      action: field(req.query, 'action').slice(0, 60),
      actor: field(req.query, 'actor').trim().toLowerCase().slice(0, 254),
      from: day(field(req.query, 'from')),
      to: day(field(req.query, 'to')),
    };
    const toExclusive = filter.to ? new Date(Date.parse(filter.to) + 86_400_000).toISOString().slice(0, 10) : '';
    const entries = await audit.list(
      { ...filter, to: toExclusive || undefined, beforeId: Number(field(req.query, 'before')) || undefined },
      100,
    );
    res.render('admin/audit-index', { entries, filter, actions: await audit.actions() });
  });
  return router;
}
