// A TCP port on 127.0.0.1 that nothing listens on right now (for code-server started by
// `npm start` and by the end-to-end runner).
import net from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
