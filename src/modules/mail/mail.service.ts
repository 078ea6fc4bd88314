import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Clock } from '#platform/clock.js';
import type { Db, DbOrTx } from '#platform/db/index.js';
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
  // nodemailer is loaded and the transport made with the first message sent, never without SMTP_URL.
  let transport: Promise<Transporter> | undefined;
  const transporter = (url: string) => (transport ??= import('nodemailer').then((m) => m.default.createTransport(url)));

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
    // ejs is loaded here rather than at start (Express loads it too, at the first page rendered).
    const { default: ejs } = await import('ejs');
    const html = await ejs.renderFile(path.join(paths.views, 'mail', 'message-html.ejs'), view, { cache: true });
    return { subject: view.subject, text, html };
  }

  /**
   * Renders a message in its recipient's language and stores it in the outbox; sends nothing. Given
   * a transaction, it is stored in it: the message exists if and only if what it tells of does.
   */
  async function store(msg: MailMessage, coop: string, conn: DbOrTx = db): Promise<number> {
    const { subject, text, html } = await render(msg, coop);
    return q.insertOutbox(conn, {
      to_address: msg.to,
      locale: msg.locale,
      template: msg.template,
      subject,
      text_body: text,
      html_body: html,
      created_at: clock.nowIso(),
      status: 'stored',
      error: null,
      sent_at: null,
    });
  }

  /** Sends a stored message by SMTP when SMTP_URL is set (once the transaction that stored it has committed). */
  async function deliver(id: number): Promise<void> {
    if (!smtpUrl) return;
    const row = await q.selectOutboxById(db, id);
    if (!row || row.status !== 'stored') return;
    try {
      await (await transporter(smtpUrl)).sendMail({ from, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body });
      await q.updateOutboxStatus(db, id, { status: 'sent', error: null, sent_at: clock.nowIso() });
    } catch (err) {
      logger.error({ err, outboxId: id }, 'email could not be sent');
      await q.updateOutboxStatus(db, id, { status: 'failed', error: String((err as Error).message).slice(0, 500), sent_at: null });
    }
  }

  async function send(msg: MailMessage, coop: string): Promise<OutboxEntry> {
    const id = await store(msg, coop);
    await deliver(id);
    return toEntry((await q.selectOutboxById(db, id))!);
  }

  return {
    send,
    store,
    deliver,
    async list(beforeId?: number, limit = 50): Promise<OutboxEntry[]> {
      return (await q.selectOutboxPage(db, beforeId, limit)).map(toEntry);
    },
    async byId(id: number): Promise<OutboxEntry | undefined> {
      const row = await q.selectOutboxById(db, id);
      return row ? toEntry(row) : undefined;
    },
    close: () => void transport?.then((t) => t.close(), () => undefined),
  };
}

export type Mailer = ReturnType<typeof createMailer>;
