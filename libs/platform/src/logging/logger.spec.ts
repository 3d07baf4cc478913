import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { PinoNestLogger } from './nest-logger';
import { runWithRequestContext } from './request-context';

function capture(): { destination: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return {
    destination,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes one JSON object per line with an ISO time, the level as a word and the service', () => {
    const { destination, lines } = capture();
    createLogger({ service: 'api', destination }).info({ cases: 3 }, 'loaded');
    expect(lines()).toEqual([{ level: 'info', time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/), service: 'api', pid: process.pid, cases: 3, msg: 'loaded' }]);
  });

  it('adds the ids of the request being served, across awaits', async () => {
    const { destination, lines } = capture();
    const logger = createLogger({ destination });
    await runWithRequestContext({ requestId: 'r-1', correlationId: 'c-1', officerId: 'off-1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.info('inside');
    });
    logger.info('outside');
    expect(lines()[0]).toMatchObject({ requestId: 'r-1', correlationId: 'c-1', officerId: 'off-1', msg: 'inside' });
    expect(lines()[1]).not.toHaveProperty('requestId');
  });

  it('never writes an authorization header or a token', () => {
    const { destination, lines } = capture();
    createLogger({ destination }).info({ headers: { authorization: 'Bearer abc' }, token: 'abc', connectionParams: { Authorization: 'Bearer abc' } }, 'request');
    expect(JSON.stringify(lines())).not.toContain('abc');
  });

  it('respects the level', () => {
    const { destination, lines } = capture();
    const logger = createLogger({ destination, level: 'warn' });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines().map((line) => line.msg)).toEqual(['shown']);
  });
});

describe('PinoNestLogger', () => {
  it("turns Nest's (message, context) and (message, stack, context) calls into structured lines", () => {
    const { destination, lines } = capture();
    const nest = new PinoNestLogger(createLogger({ destination, level: 'trace' }));
    nest.log('Mapped {/graphql, POST} route', 'RouterExplorer');
    nest.error('boom', 'Error: boom\n    at x', 'ExceptionHandler');
    nest.warn({ event: 'slow' }, 'Scheduler');
    nest.verbose('details');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'info', context: 'RouterExplorer', msg: 'Mapped {/graphql, POST} route' }),
      expect.objectContaining({ level: 'error', context: 'ExceptionHandler', stack: 'Error: boom\n    at x', msg: 'boom' }),
      expect.objectContaining({ level: 'warn', context: 'Scheduler', event: 'slow' }),
      expect.objectContaining({ level: 'trace', msg: 'details' }),
    ]);
  });

  it('maps Nest log levels onto the pino threshold', () => {
    const { destination, lines } = capture();
    const nest = new PinoNestLogger(createLogger({ destination, level: 'trace' }));
    nest.setLogLevels(['warn', 'error']);
    nest.log('hidden');
    nest.warn('shown');
    expect(lines().map((line) => line.msg)).toEqual(['shown']);
  });
});
