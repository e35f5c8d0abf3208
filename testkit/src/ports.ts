/**
 * Free loopback ports for servers a suite starts itself (a private
 * nats-server or Postgres cluster).
 */
import net from 'node:net';

/**
 * A free loopback port below Linux's ephemeral range (32768 and up). While
 * a private server is stopped its clients keep reconnecting, and a connect
 * to a closed port in that range can take the port itself as its source
 * port (a TCP self-connection), which would keep the server from listening
 * there again.
 */
export async function freeServerPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port below the ephemeral range');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
