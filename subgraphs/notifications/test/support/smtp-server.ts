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
    const { port } = this.server.address() as net.AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const reply = (line: string) => socket.write(`${line}\r\n`);
    let envelope: ReceivedMail = { from: '', to: [], data: '' };
    let dataLines: string[] | null = null;
    let buffered = '';
    reply('220 test-smtp ready');
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (dataLines) {
          if (line !== '.') {
            dataLines.push(line.startsWith('..') ? line.slice(1) : line);
            continue;
          }
          const mail = { ...envelope, data: dataLines.join('\r\n') };
          dataLines = null;
          envelope = { from: '', to: [], data: '' };
          if (this.refuseNext > 0) {
            this.refuseNext--;
            reply('451 try again later');
          } else {
            this.mails.push(mail);
            reply('250 queued');
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'MAIL') envelope.from = address(line);
        if (verb === 'RCPT') envelope.to.push(address(line));
        if (verb === 'DATA') dataLines = [];
        if (verb === 'QUIT') socket.end('221 bye\r\n');
        else reply(answers[verb] ?? '502 not implemented');
      }
    });
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
