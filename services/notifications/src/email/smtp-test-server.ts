import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the server received it: the parsed email and the SMTP envelope it came in. */
export type ReceivedEmail = ParsedMail & { readonly envelope: { readonly from: string; readonly to: readonly string[] } };

export interface SmtpTestServer {
  /** `smtp://127.0.0.1:<port>`, for `email.smtpUrl`. */
  readonly url: string;
  /** Every message accepted so far, in arrival order. */
  readonly messages: ReceivedEmail[];
  /** From now on answer RCPT TO for this address with the reply code (550: no such user, 451: try again later). */
  rejectRecipient(address: string, responseCode: number, message?: string): void;
  close(): Promise<void>;
}

/** A real SMTP server on a free local port for tests: no TLS, no authentication needed. Test support only. */
export const startSmtpTestServer = async (): Promise<SmtpTestServer> => {
  const messages: ReceivedEmail[] = [];
  const rejections = new Map<string, { responseCode: number; message: string }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      const rejection = rejections.get(address.address.toLowerCase());
      if (!rejection) return callback();
      callback(Object.assign(new Error(rejection.message), { responseCode: rejection.responseCode }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          messages.push(Object.assign(mail, { envelope: { from, to: session.envelope.rcptTo.map((r) => r.address) } }));
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejectRecipient(address, responseCode, message = responseCode >= 500 ? 'No such user here' : 'Mailbox busy, try again later') {
      rejections.set(address.toLowerCase(), { responseCode, message });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
