import { Writable } from 'node:stream';
import { progress, type ProgressLine } from './progress';

function sink(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  }) as Writable & { isTTY: boolean; text: () => string; columns: number; cursorTo: () => boolean; clearLine: () => boolean; moveCursor: () => boolean };
  stream.isTTY = isTTY;
  stream.columns = 120;
  stream.cursorTo = () => true;
  stream.clearLine = () => true;
  stream.moveCursor = () => true;
  stream.text = () => chunks.join('');
  return stream;
}

describe('progress outside a terminal', () => {
  it('prints a JSON line at most every interval, and always one at the end', () => {
    const stream = sink(false);
    let now = 1_000_000;
    const report = progress('replay', 1000, { stream, now: () => now });
    report.increment(100); // t = 0 s: too early
    now += 1500;
    report.increment(100); // 1.5 s: too early
    now += 600;
    report.increment(100); // 2.1 s: printed
    now += 1000;
    report.update(500); // 3.1 s: too early after the last line
    now += 1000;
    report.update(1000); // 4.1 s: printed
    report.stop();
    report.stop();

    const lines = stream
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ProgressLine);
    expect(lines.map(({ done, finished }) => ({ done, finished }))).toEqual([
      { done: 300, finished: false },
      { done: 1000, finished: false },
      { done: 1000, finished: true },
    ]);
    expect(lines[0]).toEqual({
      time: new Date(1_002_100).toISOString(),
      progress: 'replay',
      done: 300,
      total: 1000,
      percent: 30,
      ratePerSecond: 142.9,
      elapsedSeconds: 2.1,
      etaSeconds: 5,
      finished: false,
    });
  });

  it('reports an unknown total as null until it is known', () => {
    const stream = sink(false);
    let now = 0;
    const report = progress('verify', undefined, { stream, now: () => now });
    now = 2000;
    report.increment(10);
    now = 4000;
    report.update(20, 40);
    report.stop();
    const lines = stream
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ProgressLine);
    expect(lines.map(({ total, percent }) => ({ total, percent }))).toEqual([
      { total: null, percent: null },
      { total: 40, percent: 50 },
      { total: 40, percent: 50 },
    ]);
  });
});

describe('progress on a terminal', () => {
  it('draws a cli-progress bar with the label and the counts', () => {
    const stream = sink(true);
    const report = progress('rebuild', 10, { stream });
    report.increment(4);
    report.update(10);
    report.stop();
    const text = stream.text();
    expect(text).toContain('rebuild [');
    expect(text).toContain('10/10');
    expect(text).not.toContain('{"');
  });
});
