import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One message the receiver accepted (answered 250), parsed with mailparser. */
export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  mail: ParsedMail;
}

/** What the receiver answers one message, decided when its DATA has arrived. */
export type DataAnswer =
  /** 250: accepted. */
  | 'accept'
  /** Never answered: the sender waits (a message mid-flight). */
  | 'hold'
  /** An SMTP error, e.g. 451 (try later) or 550 (refused). */
  | { code: number; message: string };

/** A real SMTP server on loopback, for tests: `smtp-server`, no TLS, no authentication. */
export interface SmtpReceiver {
  /** `smtp://127.0.0.1:<port>`: SAYSO_SMTP_URL. */
  url: string;
  /** Every message accepted so far, in order. */
  received: ReceivedMail[];
  /** How many messages were answered with an error, and how many are held. */
  refused: number;
  held: number;
  /** Decides the answer to each further message (default: accept all). */
  answer(decide: (mail: ReceivedMail, index: number) => DataAnswer): void;
  /** Resolves once `count` messages were accepted; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Resolves once a message is held. */
  firstHeld(): Promise<void>;
  /** Accepted messages per recipient address (lower case). */
  perRecipient(): Map<string, ReceivedMail[]>;
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  let decide: (mail: ReceivedMail, index: number) => DataAnswer = () => 'accept';
  let arrived = 0;
  let onHeld: (() => void) | undefined;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  const waiters = new Set<() => void>();
  const receiver: SmtpReceiver = {
    url: '',
    received: [],
    refused: 0,
    held: 0,
    answer: (next) => (decide = next),
    waitFor: (count, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (receiver.received.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(receiver.received);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${receiver.received.length} of ${count} messages arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    firstHeld: () => held,
    perRecipient() {
      const by = new Map<string, ReceivedMail[]>();
      for (const message of receiver.received) {
        for (const to of message.to) by.set(to.toLowerCase(), [...(by.get(to.toLowerCase()) ?? []), message]);
      }
      return by;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  async function onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
    const mail: ReceivedMail = { to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail: await simpleParser(stream) };
    const answer = decide(mail, arrived++);
    if (answer === 'hold') {
      receiver.held++;
      onHeld?.();
      return;
    }
    if (answer !== 'accept') {
      receiver.refused++;
      callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
      return;
    }
    receiver.received.push(mail);
    callback();
    for (const waiter of [...waiters]) waiter();
  }

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => void onData(stream, session, callback).catch(callback),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A connection the sender drops while a message is held is no error of the receiver's.
  server.on('error', () => {});
  const { port } = server.server.address() as { port: number };
  receiver.url = `smtp://127.0.0.1:${port}`;
  return receiver;
}
