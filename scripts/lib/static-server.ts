import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

/**
 * A tiny static HTTP server on 127.0.0.1 for `npm start` and the browser
 * tests. It serves an in-memory site (a Map from URL path to text, as
 * demoSite() returns), a directory, or both: the Map is consulted first.
 */
export interface StaticServerOptions {
  /** Path ("/", "/articles/x.html") → content. Paths with no extension are served as HTML. */
  files?: ReadonlyMap<string, string> | undefined;
  /** A directory to serve; "/dir/" serves dir/index.html. Nothing outside it is ever served. */
  dir?: string | undefined;
  /** 0 (the default) picks a free port. */
  port?: number | undefined;
  /** Extra headers on every 200 response, e.g. { 'content-security-policy': "script-src 'none'" }. */
  headers?: Readonly<Record<string, string>> | undefined;
}

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234/ (with the trailing slash) */
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

function contentType(path: string): string {
  const ext = extname(path).toLowerCase();
  return ext === '' ? TYPES['.html']! : (TYPES[ext] ?? 'application/octet-stream');
}

async function fromDir(dir: string, path: string): Promise<{ body: Buffer; type: string } | null> {
  let file = resolve(dir, `.${path}`);
  if (file !== dir && !file.startsWith(dir + sep)) return null;
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    return { body: await readFile(file), type: contentType(file) };
  } catch {
    return null;
  }
}

export async function startStaticServer({ files, dir, port = 0, headers = {} }: StaticServerOptions): Promise<StaticServer> {
  if (!files && !dir) throw new Error('startStaticServer needs files, a dir, or both');
  const root = dir === undefined ? undefined : resolve(dir);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let found: { body: string | Buffer; type: string } | null = null;
    const inMemory = files?.get(path) ?? (path.endsWith('/') ? files?.get(`${path}index.html`) : undefined);
    if (inMemory !== undefined) found = { body: inMemory, type: path.endsWith('/') ? TYPES['.html']! : contentType(path) };
    else if (root !== undefined && !path.includes('\0')) found = await fromDir(root, path);
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${path}\n`);
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': found.type,
      'content-length': Buffer.byteLength(found.body),
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : found.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () =>
      new Promise<void>((resolvePromise, reject) => {
        server.close((error) => (error ? reject(error) : resolvePromise()));
        // Browsers keep connections alive; without this, close() waits for them.
        server.closeAllConnections();
      }),
  };
}
