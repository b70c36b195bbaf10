/**
 * Outgoing e-mail. With `SMTP_URL` mail goes out through nodemailer (the
 * well-kept SMTP client for JavaScript); without it the message is logged,
 * so a single-machine install can still reset passwords from the log.
 */
import nodemailer from "nodemailer";
import type { Logger } from "../log.ts";

/** One plain-text e-mail with an optional HTML alternative. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends mail; `deps.mailer` in the services. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** A mailer speaking SMTP to `url` (smtp:// with STARTTLS, or smtps://). */
export function smtpMailer(url: URL, from: string): Mailer {
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (url.protocol === "smtps:" ? 465 : 587),
    secure: url.protocol === "smtps:",
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    tls: { rejectUnauthorized: url.searchParams.get("tls") !== "insecure" },
  });
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}

/** A mailer that writes each message to the log instead of sending it. */
export function logMailer(log: Logger): Mailer {
  return {
    send(mail) {
      log.info("mail not sent: SMTP_URL is not set", {
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
      return Promise.resolve();
    },
  };
}
