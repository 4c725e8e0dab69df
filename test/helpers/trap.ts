/**
 * A TCP server on 127.0.0.1 that counts every connection made to it and answers like a web
 * server serving an entity declaration: hostile-XML tests point DOCTYPE URLs at it and prove
 * that analysing the documents never reaches it.
 */
import assert from 'node:assert/strict';
import net from 'node:net';

export interface Trap {
  port: number;
  connections: number;
  close(): Promise<void>;
}

export function startTrap(): Promise<Trap> {
  return new Promise((resolve, reject) => {
    const sockets = new Set<net.Socket>();
    const trap: Trap = {
      port: 0,
      connections: 0,
      close: () =>
        new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        }),
    };
    const server = net.createServer((socket) => {
      trap.connections++;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      // Whatever is asked, answer something a resolver would happily expand.
      socket.end('HTTP/1.0 200 OK\r\nContent-Type: application/xml-dtd\r\n\r\n<!ENTITY leaked "LEAKED-FROM-TRAP">');
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      trap.port = address.port;
      resolve(trap);
    });
  });
}

/** Control: the trap does count a connection (then starts again from zero). */
export async function assertTrapCounts(trap: Trap): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the trap control connection did not close')), 5000);
    const socket = net.connect(trap.port, '127.0.0.1', () => socket.end());
    socket.resume(); // read the answer, so that the socket ends and closes
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  await settle();
  assert.equal(trap.connections, 1, 'the trap did not see a connection made to it');
  trap.connections = 0;
}

/** Lets pending connection events reach the trap before it is read. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));
