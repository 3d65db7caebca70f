import perfHooks from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetrics, EVENT_LOOP_SAMPLE_MS } from '#src/metrics.ts';

// An idle process must not wake a hundred times a second for its own metrics: prom-client's default
// event-loop lag sampler (every 10 ms) cost an idle worker 0.4–0.5 % of a core, which a worker
// pacing a few DMs a second pays per DM (bench/pacing.ts).
describe('the metrics registry at rest', () => {
  afterEach(() => vi.restoreAllMocks());

  it('samples event-loop lag every EVENT_LOOP_SAMPLE_MS (a few times a second), and still reports it', async () => {
    const monitor = vi.spyOn(perfHooks, 'monitorEventLoopDelay');
    const metrics = createMetrics();
    expect(monitor).toHaveBeenCalledWith({ resolution: EVENT_LOOP_SAMPLE_MS });
    expect(EVENT_LOOP_SAMPLE_MS).toBeGreaterThanOrEqual(100);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^throughline_nodejs_eventloop_lag_p99_seconds /m);
  });
});
