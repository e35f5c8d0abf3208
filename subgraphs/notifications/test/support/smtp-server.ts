import net from 'node:net';

/** A mail as the test server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message (headers and body), dot-unstuffed. */
  data: string;
}

/**
 * Just enough of an SMTP server (RFC 5321: greeting, EHLO, MAIL, RCPT, DATA,
 * QUIT) to prove that mail really leaves the process. It can refuse the next
 * messages with a transient 451 to exercise retries.
 */
export class TestSmtpServer {
  readonly mails: ReceivedMail[] = [];
  /** How many of the next messages to refuse. */
  refuseNext = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly server: net.Server) {
    server.on('connection', (socket) => this.serve(socket));
  }

  static async start(): Promise<TestSmtpServer> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TestSmtpServer(server);
  }

  get url(): string {
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('the test SMTP server is not listening on a port');
    return `smtp://127.0.0.1:${address.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const session = new Session(
      (line) => socket.write(`${line}\r\n`),
      (mail) => this.accept(mail),
    );
    let buffered = '';
    socket.write('220 test-smtp ready\r\n');
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (session.line(line) === 'quit') socket.end('221 bye\r\n');
      }
    });
  }

  /** Takes a finished message, or refuses it while refusals are asked for. */
  private accept(mail: ReceivedMail): boolean {
    if (this.refuseNext > 0) {
      this.refuseNext--;
      return false;
    }
    this.mails.push(mail);
    return true;
  }
}

/** One connection's SMTP conversation, a line at a time. */
class Session {
  private envelope: ReceivedMail = { from: '', to: [], data: '' };
  private dataLines: string[] | null = null;

  constructor(
    private readonly reply: (line: string) => void,
    private readonly accept: (mail: ReceivedMail) => boolean,
  ) {}

  line(line: string): 'quit' | undefined {
    if (this.dataLines) return this.dataLine(this.dataLines, line);
    const verb = line.slice(0, 4).toUpperCase();
    if (verb === 'QUIT') return 'quit';
    if (verb === 'MAIL') this.envelope = { from: address(line), to: [], data: '' };
    if (verb === 'RCPT') this.envelope.to.push(address(line));
    if (verb === 'DATA') this.dataLines = [];
    this.reply(answers[verb] ?? '502 not implemented');
    return undefined;
  }

  private dataLine(lines: string[], line: string): undefined {
    if (line !== '.') {
      lines.push(line.startsWith('..') ? line.slice(1) : line);
      return undefined;
    }
    this.dataLines = null;
    const accepted = this.accept({ ...this.envelope, data: lines.join('\r\n') });
    this.reply(accepted ? '250 queued' : '451 try again later');
    return undefined;
  }
}

const answers: Record<string, string> = {
  EHLO: '250 test-smtp',
  HELO: '250 test-smtp',
  MAIL: '250 sender ok',
  RCPT: '250 recipient ok',
  DATA: '354 end with <CRLF>.<CRLF>',
  RSET: '250 ok',
  NOOP: '250 ok',
};

function address(line: string): string {
  return /<([^>]*)>/.exec(line)?.[1] ?? '';
}
