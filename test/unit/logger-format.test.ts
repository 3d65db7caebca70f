import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createLogger } from '#src/logger.ts';

/** Collects what the logger writes; `isTTY` as a terminal's stdout has it. */
function sink(isTTY: boolean): Writable & { text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { isTTY, text: () => stripVTControlCharacters(chunks.join('')) });
}

describe('log format follows the destination', () => {
  it('writes readable lines to a terminal, with secrets still redacted', () => {
    const terminal = sink(true);
    const logger = createLogger('info', terminal);
    logger.info({ team: 'T1', token: 'xoxb-secret-token', text: 'my private reflection' }, 'nudge sent');
    const output = terminal.text();
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: nudge sent\n/);
    expect(output).toContain('team: "T1"');
    expect(output).toContain('[redacted]');
    expect(output).not.toContain('xoxb-secret-token');
    expect(output).not.toContain('my private reflection');
    expect(output).not.toContain('{"level"');
  });

  it('writes one JSON object a line anywhere else (a pipe, a file, a collector), redacted', () => {
    const pipe = sink(false);
    const logger = createLogger('info', pipe);
    logger.warn({ team: 'T1', token: 'xoxb-secret-token', answers: ['private'] }, 'slow ack');
    const lines = pipe.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 40,
      app: 'throughline',
      team: 'T1',
      token: '[redacted]',
      answers: '[redacted]',
      msg: 'slow ack',
    });
    expect(pipe.text()).not.toContain('xoxb-secret-token');
  });

  it('keeps the level: a terminal at warn shows no info lines', () => {
    const terminal = sink(true);
    const logger = createLogger('warn', terminal);
    logger.info('hidden');
    logger.error('shown');
    expect(terminal.text()).not.toContain('hidden');
    expect(terminal.text()).toContain('ERROR: shown');
  });
});
