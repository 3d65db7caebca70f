import { describe, expect, it } from 'vitest';
import { productionWarnings } from '#src/redis-production-check.ts';

const info = (policy: string, aof: 0 | 1) =>
  `# Persistence\r\naof_enabled:${aof}\r\n# Memory\r\nmaxmemory_policy:${policy}\r\n`;

describe('productionWarnings', () => {
  it('is silent for noeviction with AOF', () => {
    expect(productionWarnings(info('noeviction', 1), '')).toEqual([]);
  });
  it('accepts RDB snapshots as persistence', () => {
    expect(productionWarnings(info('noeviction', 0), '3600 1 300 100')).toEqual([]);
  });
  it('warns about an eviction policy, naming it', () => {
    const warnings = productionWarnings(info('allkeys-lru', 1), '');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"allkeys-lru"');
    expect(warnings[0]).toContain('noeviction');
  });
  it('warns when persistence is off', () => {
    const warnings = productionWarnings(info('noeviction', 0), '');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('appendonly yes');
  });
  it('reports both problems at once', () => {
    expect(productionWarnings(info('volatile-lru', 0), '')).toHaveLength(2);
  });
});
