import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestUser } from './regionNode.ts';

export interface SsoProxy {
  /** This proxy's origin, which the browser sees as the node's. */
  url: string;
  /** Where requests go (set once the node behind is running). */
  forwardTo(upstream: string): void;
  close(): Promise<void>;
}

/**
 * A stand-in for the intranet's SSO proxy in front of a node in production mode: whatever the browser
 * sends, identity headers are dropped and replaced by the signed-in user's, with the proxy's secret
 * (oauth2-proxy convention). The browser never holds the secret, so the node runs with demo mode off.
 */
export async function startSsoProxy(user: TestUser, secret: string): Promise<SsoProxy> {
  let upstream: URL | null = null;
  const server: Server = createServer((incoming, outgoing) => {
    if (!upstream) {
      outgoing.writeHead(503).end();
      return;
    }
    const headers: IncomingHttpHeaders = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (!/^(x-forwarded-|x-meridian-proxy-secret$)/.test(name)) headers[name] = value;
    }
    Object.assign(headers, {
      host: upstream.host,
      'x-meridian-proxy-secret': secret,
      'x-forwarded-user': user.login,
      'x-forwarded-groups': user.groups,
      'x-forwarded-for': incoming.socket.remoteAddress ?? '',
    });
    const forwarded = request(new URL(incoming.url ?? '/', upstream), { method: incoming.method, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => outgoing.headersSent ? outgoing.destroy() : outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwardTo: (target) => {
      upstream = new URL(target);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A plain web server for pages of some other origin (an intranet, or a site that should get nothing). */
export async function startPageServer(pages: Record<string, (origin: string) => string>): Promise<{ url: string; close(): Promise<void> }> {
  let origin = '';
  const server = createServer((incoming, outgoing) => {
    const page = pages[new URL(incoming.url ?? '/', origin).pathname];
    if (!page) {
      outgoing.writeHead(404).end();
      return;
    }
    outgoing.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(origin));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
