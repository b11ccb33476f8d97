import { afterEach, describe, expect, it, vi } from 'vitest';
import { TextStyle, ZaloApiError } from 'zca-js';
import { bold, italic, plain } from '../../src/answer/message.js';
import { classifySendError, errorText, Outbox, OutboxStoppedError } from '../../src/channels/zalo/outbox.js';
import { renderParts, renderText } from '../../src/channels/zalo/render.js';
import { memoryLog } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

function fakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: 0 });
}

describe('Zalo outbox', () => {
  it('paces sends: a few per second overall, at most one per second per chat, in order within a chat', async () => {
    fakeClock();
    const log = memoryLog();
    const outbox = new Outbox(log, { minIntervalMs: 350, perThreadIntervalMs: 1000, retryDelaysMs: [] });
    const sent: [string, number][] = [];
    const send = (label: string) => async () => {
      sent.push([label, Date.now()]);
      return label;
    };
    const all = Promise.all([
      outbox.enqueue('A', send('A1')),
      outbox.enqueue('A', send('A2')),
      outbox.enqueue('A', send('A3')),
      outbox.enqueue('B', send('B1')),
      outbox.enqueue('C', send('C1')),
    ]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await all).toEqual(['A1', 'A2', 'A3', 'B1', 'C1']);
    expect(sent).toEqual([
      ['A1', 0],
      ['B1', 350],
      ['C1', 700],
      ['A2', 1050], // a second after A1, and 350 ms after C1
      ['A3', 2050],
    ]);
  });

  it('retries a send refused for its rate later, keeping the chat\'s order, instead of dropping it', async () => {
    fakeClock();
    const log = memoryLog();
    const outbox = new Outbox(log, { minIntervalMs: 0, perThreadIntervalMs: 0, retryDelaysMs: [5000, 15000] });
    const sent: [string, number][] = [];
    let refusals = 1;
    const first = outbox.enqueue('A', async () => {
      if (refusals-- > 0) throw new ZaloApiError('Vượt quá số request cho phép', 123);
      sent.push(['A1', Date.now()]);
      return 'ok';
    });
    const second = outbox.enqueue('A', async () => {
      sent.push(['A2', Date.now()]);
      return 'ok';
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await expect(first).resolves.toBe('ok');
    await expect(second).resolves.toBe('ok');
    expect(sent).toEqual([
      ['A1', 5000],
      ['A2', 5000],
    ]);
    expect(log.lines.some((l) => l.level === 'warn' && (l.obj as { retryInMs?: number }).retryInMs === 5000)).toBe(true);
  });

  it('gives up after the bounded retries, logging it; other errors are not retried', async () => {
    fakeClock();
    const log = memoryLog();
    const outbox = new Outbox(log, { minIntervalMs: 0, perThreadIntervalMs: 0, retryDelaysMs: [100, 200] });
    let tries = 0;
    const limited = outbox.enqueue('A', async () => {
      tries++;
      throw new ZaloApiError('Vượt quá số request cho phép', -69);
    });
    const rejected = expect(limited).rejects.toThrow('Vượt quá số request');
    await vi.advanceTimersByTimeAsync(300);
    await rejected;
    expect(tries).toBe(3);
    expect(log.lines.some((l) => l.level === 'error' && l.msg === 'Không gửi được tin nhắn Zalo' && (l.obj as { attempts: number }).attempts === 3)).toBe(true);
    let badTries = 0;
    await expect(
      outbox.enqueue('B', async () => {
        badTries++;
        throw new ZaloApiError('Missing threadId');
      }),
    ).rejects.toThrow('Missing threadId');
    expect(badTries).toBe(1);
  });

  it('a stopped outbox fails what is queued and refuses new sends', async () => {
    fakeClock();
    const outbox = new Outbox(memoryLog(), { minIntervalMs: 0, perThreadIntervalMs: 1000, retryDelaysMs: [] });
    const a = outbox.enqueue('A', async () => 1);
    const b = outbox.enqueue('A', async () => 2);
    await vi.advanceTimersByTimeAsync(10);
    outbox.stop();
    await expect(a).resolves.toBe(1);
    await expect(b).rejects.toBeInstanceOf(OutboxStoppedError);
    await expect(outbox.enqueue('A', async () => 3)).rejects.toBeInstanceOf(OutboxStoppedError);
  });

  it('classifies Zalo errors, and never logs session secrets', () => {
    expect(classifySendError(new ZaloApiError('x', 102))).toBe('session');
    expect(classifySendError(new ZaloApiError('zpw_sek bị thiếu hoặc không đúng', 600))).toBe('session');
    expect(classifySendError(new ZaloApiError('Failed to fetch server info: zpw_sek bị thiếu hoặc không đúng'))).toBe('session');
    expect(classifySendError(new ZaloApiError('Vượt quá số request cho phép', 122))).toBe('rate');
    expect(classifySendError(new TypeError('fetch failed'))).toBe('transient');
    expect(classifySendError(new ZaloApiError('Invalid mentions'))).toBe('fatal');
    expect(errorText(new ZaloApiError('Invalid context {"cookie":"zpw_sek=abc","imei":"x"}'))).toBe('[…ẩn]');
  });
});

describe('Zalo rendering', () => {
  it('turns bold and italic spans into Zalo text styles at the right offsets, after a prefix', () => {
    const r = renderText({ paragraphs: [[bold('Tiêu đề')], [plain('Nội dung '), bold('đậm'), plain(' và '), italic('nghiêng')]] }, '@An ');
    expect(r.msg).toBe('@An Tiêu đề\n\nNội dung đậm và nghiêng');
    expect(r.styles).toEqual([
      { start: 4, len: 7, st: TextStyle.Bold },
      { start: r.msg.indexOf('đậm'), len: 3, st: TextStyle.Bold },
      { start: r.msg.indexOf('nghiêng'), len: 7, st: TextStyle.Italic },
    ]);
  });

  it('keeps styles inside every part of a split message', () => {
    const sentence = 'Đây là một câu khá dài để thử việc chia tin nhắn theo ranh giới câu. ';
    const parts = renderParts({ paragraphs: [[bold('Tiêu đề')], [plain(sentence.repeat(60))]] }, '', 1000);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) {
      expect(p.msg.length).toBeLessThanOrEqual(1000);
      for (const s of p.styles) expect(s.start + s.len).toBeLessThanOrEqual(p.msg.length);
    }
    expect(parts[0]!.styles).toEqual([{ start: 0, len: 7, st: TextStyle.Bold }]);
  });
});
