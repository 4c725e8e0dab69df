import { build } from 'esbuild';
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';

/**
 * A static server on 127.0.0.1 for the web test: `/` (the harness page), `/page.js` (test/web/page.ts,
 * bundled for the browser on start), `/dist/browser/*` (the built web extension: the worker
 * server) and `/dist/*.wasm` (the WebAssembly files the worker fetches). Nothing else is served.
 */
export interface WebTestServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.html': 'text/html',
  '.map': 'application/json',
};

export async function startWebTestServer(root: string): Promise<WebTestServer> {
  const distDir = join(root, 'dist');
  const browserDir = join(distDir, 'browser');
  if (!existsSync(join(browserDir, 'server.js'))) throw new Error(`${browserDir}/server.js is missing: run \`node scripts/build.mjs\``);
  const page = await build({
    entryPoints: [join(root, 'test', 'web', 'page.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  const pageJs = page.outputFiles[0].contents;
  const html = '<!doctype html><meta charset="utf-8"><title>aovpn web test</title><script src="/page.js"></script>';
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0]);
    const send = (status: number, type: string, body: string | Uint8Array): void => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (path === '/') return send(200, TYPES['.html'], html);
    if (path === '/page.js') return send(200, TYPES['.js'], pageJs);
    if (path.startsWith('/dist/browser/') || /^\/dist\/[\w.-]+\.wasm$/.test(path)) {
      const file = normalize(join(root, path));
      if (file.startsWith(distDir + sep) && existsSync(file))
        return send(200, TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream', readFileSync(file));
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
