// The load generator, in a process of its own so that it never shares an event loop with the
// server it measures. bench/server.ts forks it and sends one LoadJob per message; it answers
// with a LoadSummary (or an error) and exits when the parent goes away.
import autocannon from 'autocannon';
import { mintVisitorToken } from './visitor-token.js';

/**
 * Which visitor each request is (an X-Sayso-Visitor token for the id, signed with `secret`, the
 * server's visitor secret in base64url).
 */
export type Voters =
  /** A new id on every request: every vote inserts a row. */
  | { kind: 'distinct'; prefix: string; secret: string }
  /** Ids `${prefix}${i}` for i in [0, size), cycled: every vote repeats an earlier one. */
  | { kind: 'pool'; prefix: string; size: number; secret: string }
  | { kind: 'none' };

export interface LoadJob {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  voters: Voters;
  connections: number;
  /** Seconds. */
  duration: number;
}

export interface LoadSummary {
  /** Requests written to a socket. */
  sent: number;
  /** Responses received, whatever their status. */
  responses: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Seconds actually run. */
  seconds: number;
  /** Completed responses per second. */
  perSecond: number;
  p50: number;
  p99: number;
}

export type WorkerReply = { id: number; summary: LoadSummary } | { id: number; error: string };

/** Voter ids are unique per worker process and job, so two jobs never share a voter by accident. */
let jobs = 0;

async function runJob(job: LoadJob): Promise<LoadSummary> {
  const tag = `${process.pid.toString(36)}${(++jobs).toString(36)}`;
  let next = job.voters.kind === 'pool' ? Math.floor(Math.random() * job.voters.size) : 0;
  const tokens = new Map<string, string>();
  const tokenFor = (): string | undefined => {
    const id = voterFor();
    if (id === undefined || job.voters.kind === 'none') return undefined;
    let token = tokens.get(id);
    if (!token) {
      token = mintVisitorToken(id, job.voters.secret);
      if (job.voters.kind === 'pool') tokens.set(id, token);
    }
    return token;
  };
  const voterFor = (): string | undefined => {
    const voters = job.voters;
    if (voters.kind === 'none') return undefined;
    if (voters.kind === 'distinct') return `${voters.prefix}-${tag}-${(next++).toString(36)}`;
    return `${voters.prefix}${next++ % voters.size}`;
  };
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.duration,
    // autocannon only stops on a sample tick: sub-second runs need sub-second samples.
    sampleInt: job.duration >= 1 ? 1000 : 100,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: job.method,
        path: job.path,
        setupRequest: (request) => {
          const token = tokenFor();
          request.headers = {
            ...request.headers,
            'content-type': 'application/json',
            // As a browser's fetch sends a POST without a body (Fetch standard, HTTP-network fetch).
            ...(job.method === 'POST' ? { 'content-length': '0' } : {}),
            ...(token ? { 'x-sayso-visitor': token } : {}),
          };
          return request;
        },
      },
    ],
  });
  let ok = 0;
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    if (status.startsWith('2')) ok += Number(count ?? 0);
  }
  return {
    // `sent` is there at runtime (aggregateResult.js) but missing from @types/autocannon.
    sent: (result.requests as { sent?: number }).sent ?? result.requests.total,
    responses: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    perSecond: result.duration > 0 ? result.requests.total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

process.on('message', (message: { id: number; job: LoadJob }) => {
  runJob(message.job).then(
    (summary) => process.send?.({ id: message.id, summary } satisfies WorkerReply),
    (error: unknown) => process.send?.({ id: message.id, error: String((error as Error)?.stack ?? error) } satisfies WorkerReply),
  );
});
// The parent died or is done: nothing left to measure for.
process.on('disconnect', () => process.exit(0));
