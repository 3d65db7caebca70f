import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * A per-address limit for routes anyone on the network can reach without being a Slack request
 * (the install pages, the queue dashboard's password). Kept in this process's memory on purpose:
 * refusing a flood must not cost a Redis write per request. Each process counts on its own, and
 * behind a reverse proxy the address is the proxy's (see docs/security.md).
 */
export interface AddressLimit {
  /** Counts one attempt; the whole seconds to wait when the address is over its limit, else 0. */
  take(address: string): Promise<number>;
  /** Whole seconds the address must still wait before the next attempt counts (0: it may try). */
  waitFor(address: string): Promise<number>;
  /** Gives back one attempt (one that turned out not to count, such as the right password). */
  refund(address: string): Promise<void>;
}

export function createAddressLimit(limit: { max: number; windowSeconds: number }): AddressLimit {
  const limiter = new RateLimiterMemory({ points: limit.max, duration: limit.windowSeconds });
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
  return {
    async take(address) {
      try {
        await limiter.consume(address);
        return 0;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return seconds(rejection.msBeforeNext);
        throw rejection;
      }
    },
    async waitFor(address) {
      const state = await limiter.get(address);
      return state && state.consumedPoints >= limit.max ? seconds(state.msBeforeNext) : 0;
    },
    async refund(address) {
      await limiter.reward(address, 1);
    },
  };
}

/** The address a request came from (the TCP peer). */
export function clientAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}

export function refuseTooMany(response: ServerResponse, retryAfterSeconds: number): void {
  response.writeHead(429, {
    'retry-after': String(retryAfterSeconds),
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end('Too many requests; try again later.');
}
