import { connect, createServer } from 'node:net';

export const BASIC = `Basic ${Buffer.from('till:5f4dcc3b5aa765d61d8327deb882cf99').toString('base64')}`;
export const PATH = '/v3/users/566881933/targetGroups';

/** Whether something accepts connections on 127.0.0.1:`port`. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether the port stops accepting connections within `ms`. */
export async function freedWithin(port: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!(await listening(port))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !(await listening(port));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
