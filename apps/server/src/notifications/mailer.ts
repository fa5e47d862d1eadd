import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import type { ServerConfig } from '../config';
import { SERVER_CONFIG } from '../platform/tokens';

export interface Mail {
  to: string | string[];
  subject: string;
  text: string;
}

/** E-mail through SMTP_URL (nodemailer). Without SMTP_URL, mails are written to the log and reported as not sent. */
@Injectable()
export class Mailer {
  private readonly logger = new Logger('mailer');
  private transport?: Transporter;

  constructor(@Inject(SERVER_CONFIG) private readonly config: ServerConfig) {
    // nodemailer is loaded only when SMTP_URL asks for it (~10 MB a server without mail does not need).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (config.smtpUrl) this.transport = (require('nodemailer') as typeof import('nodemailer')).createTransport(config.smtpUrl);
  }

  get configured(): boolean {
    return this.transport !== undefined;
  }

  /** True when an SMTP server accepted the mail. */
  async send(mail: Mail): Promise<boolean> {
    if (!this.transport) {
      this.logger.warn(`SMTP_URL is not set: not sent to ${String(mail.to)}: ${mail.subject}`);
      return false;
    }
    await this.transport.sendMail({ from: this.config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
    return true;
  }
}

/** SMS through a provider. The default provider writes to the log; a real gateway implements this interface. */
export interface SmsProvider {
  readonly name: string;
  send(to: string, text: string): Promise<void>;
}
export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

export class LoggingSmsProvider implements SmsProvider {
  readonly name = 'log';
  private readonly logger = new Logger('sms');
  /** What was "sent", newest last (kept for the operator's log view and tests). */
  readonly sent: { to: string; text: string }[] = [];
  async send(to: string, text: string): Promise<void> {
    this.sent.push({ to, text });
    if (this.sent.length > 1000) this.sent.shift();
    this.logger.log(`SMS to ${to}: ${text.slice(0, 70)}`);
    return Promise.resolve();
  }
}
