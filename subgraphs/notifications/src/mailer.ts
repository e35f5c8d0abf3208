import nodemailer from 'nodemailer';

/** A plain-text mail. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail; resolves once the server accepted it. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * An SMTP mailer over nodemailer, e.g. `smtp://user:pass@mail.example:587`.
 *
 * @example
 * const mailer = smtpMailer('smtp://127.0.0.1:1025', 'Seats <no-reply@seats.local>');
 * await mailer.send({ to: 'ada@example.com', subject: 'Hi', text: 'Hello' });
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, { from });
  return {
    async send(mail) {
      await transport.sendMail(mail);
    },
    close: () => transport.close(),
  };
}
