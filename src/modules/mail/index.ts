export { createMailer, MAIL_TEMPLATES, type Mailer, type MailTemplate, type MailMessage, type OutboxEntry } from '#modules/mail/mail.service.js';
