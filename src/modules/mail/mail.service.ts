import path from 'node:path';
import ejs from 'ejs';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import type { I18n, Locale } from '#platform/i18n/index.js';
import { textDirection } from '#platform/i18n/locales.js';
import type { Logger } from '#platform/logger.js';
import { paths } from '#platform/paths.js';
import * as q from '#modules/mail/mail.queries.js';

export const MAIL_TEMPLATES = [
  'verifyEmail',
  'resetPassword',
  'accountExists',
  'invitation',
  'orderPlaced',
  'orderConfirmed',
  'orderPreparing',
  'orderShipped',
  'orderDelivered',
  'orderCancelled',
  'paymentReceived',
  'recallNotice',
  'orderShortage',
  'shortageAlert',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface MailMessage {
  to: string;
  locale: Locale;
  template: MailTemplate;
  /** Interpolated into the template's strings, e.g. { name, coop }. */
  params: Record<string, string>;
  /** The one link the message is about (verify, reset, accept, the order). */
  actionUrl: string;
  /** Paragraphs already in the recipient's language, between the intro and the link (order lines, payment instructions). */
  details?: string[];
}

export interface OutboxEntry {
  id: number;
  to: string;
  locale: string;
  template: string;
  subject: string;
  text: string;
  html: string;
  status: 'stored' | 'sent' | 'failed';
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface MailDeps {
  db: Db;
  clock: Clock;
  i18n: I18n;
  logger: Logger;
  smtpUrl: string | undefined;
  from: string;
}

const toEntry = (r: q.OutboxRow): OutboxEntry => ({
  id: r.id,
  to: r.to_address,
  locale: r.locale,
  template: r.template,
  subject: r.subject,
  text: r.text_body,
  html: r.html_body,
  status: r.status as OutboxEntry['status'],
  error: r.error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/**
 * Every message is rendered in the recipient's language and kept in the outbox. With SMTP_URL it is
 * also sent; without, the coordinator reads it at /admin/outbox.
 */
export function createMailer({ db, clock, i18n, logger, smtpUrl, from }: MailDeps) {
  const transport: Transporter | undefined = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;

  async function render(msg: MailMessage, coop: string) {
    const t = i18n.getFixedT(msg.locale, 'mail');
    const params = { coop, ...msg.params };
    const view = {
      lng: msg.locale,
      dir: textDirection(msg.locale),
      subject: t(`${msg.template}.subject`, params),
      greeting: t('greeting', params),
      intro: t(`${msg.template}.intro`, params),
      action: t(`${msg.template}.action`, params),
      outro: t(`${msg.template}.outro`, params),
      signature: t('signature', params),
      actionUrl: msg.actionUrl,
      details: msg.details ?? [],
    };
    const text = [view.greeting, view.intro, ...view.details, `${view.action}\n${view.actionUrl}`, view.outro, view.signature].join('\n\n');
    const html = await ejs.renderFile(path.join(paths.views, 'mail', 'message-html.ejs'), view, { cache: true });
    return { subject: view.subject, text, html };
  }

  async function send(msg: MailMessage, coop: string): Promise<OutboxEntry> {
    const { subject, text, html } = await render(msg, coop);
    const base = {
      to_address: msg.to,
      locale: msg.locale,
      template: msg.template,
      subject,
      text_body: text,
      html_body: html,
      created_at: clock.nowIso(),
    };
    const id = await q.insertOutbox(db, { ...base, status: 'stored', error: null, sent_at: null });
    if (transport) {
      try {
        await transport.sendMail({ from, to: msg.to, subject, text, html });
        await q.updateOutboxStatus(db, id, { status: 'sent', error: null, sent_at: clock.nowIso() });
      } catch (err) {
        logger.error({ err, outboxId: id }, 'email could not be sent');
        await q.updateOutboxStatus(db, id, { status: 'failed', error: String((err as Error).message).slice(0, 500), sent_at: null });
      }
    }
    return toEntry((await q.selectOutboxById(db, id))!);
  }

  return {
    send,
    async list(beforeId?: number, limit = 50): Promise<OutboxEntry[]> {
      return (await q.selectOutboxPage(db, beforeId, limit)).map(toEntry);
    },
    async byId(id: number): Promise<OutboxEntry | undefined> {
      const row = await q.selectOutboxById(db, id);
      return row ? toEntry(row) : undefined;
    },
    close: () => transport?.close(),
  };
}

export type Mailer = ReturnType<typeof createMailer>;
