import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

/** One call the receiver got. */
export interface ReceivedCall {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The address the call came from, as the receiver's socket saw it. */
  remoteAddress: string | undefined;
}

/** How the receiver answers a path; by default 200 `ok`. */
export type Answer = (response: ServerResponse, call: ReceivedCall) => void;

/**
 * A real HTTP server on loopback for one test file, recording every call; `answers` says how
 * each path answers. Stopped after the file.
 */
export async function startWebhookReceiver(answers: Record<string, Answer> = {}) {
  const calls: ReceivedCall[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const call = {
        path: request.url ?? '',
        method: request.method ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remoteAddress: request.socket.remoteAddress,
      };
      calls.push(call);
      const answer = answers[call.path.split('?')[0]!];
      if (answer) answer(response, call);
      else response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    port,
    calls,
    /** `http://127.0.0.1:<port><path>`. */
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
  };
}
