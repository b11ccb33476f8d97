import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, htmlToText, privateChat, user } from './harness.js';

/** Webhook mode: the bot listens on loopback; updates are POSTed to it as Telegram would, with the secret header. */
let h: Harness;
let url: string;
beforeAll(async () => {
  h = await Harness.start({ webhook: true });
  url = `http://127.0.0.1:${h.running!.port}${new URL(h.config.telegram!.webhook!.url).pathname}`;
});
afterAll(async () => {
  await h?.stop();
});

const asker = user(601, 'Lộc');
const chat = privateChat(asker);
let updateId = 1000;

function post(body: unknown, secret?: string, target = url): Promise<Response> {
  return fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}) },
    body: JSON.stringify(body),
  });
}

function update(text: string, messageId: number) {
  return { update_id: ++updateId, message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, from: asker, text } };
}

describe('Telegram: webhook mode', () => {
  it('registers the webhook with its secret and no polling', () => {
    const set = h.calls.find((c) => c.method === 'setWebhook')!;
    expect(set.payload).toMatchObject({ url: h.config.telegram!.webhook!.url, secret_token: 'test-webhook-secret_42', allowed_updates: ['message', 'callback_query', 'poll_answer'] });
    expect(h.calls.some((c) => c.method === 'getUpdates')).toBe(false);
  });

  it('answers an update that carries the secret', async () => {
    const mark = await h.mark();
    const res = await post(update('Công chức có phải đeo thẻ khi làm việc không?', 70001), 'test-webhook-secret_42');
    expect(res.status).toBe(200);
    const [reply] = await h.waitFor(chat.id, mark);
    expect(htmlToText(reply!.text)).toContain('Nguồn: Điều 7, Quy chế văn hóa công sở');
    expect(reply!.reply_parameters?.message_id).toBe(70001);
  });

  it('rejects updates without the right secret, and other paths', async () => {
    const mark = await h.mark();
    expect((await post(update('Giờ nghỉ trưa có được uống bia không', 70002), 'wrong-secret')).status).toBe(401);
    expect((await post(update('Giờ nghỉ trưa có được uống bia không', 70003))).status).toBe(401);
    expect((await post(update('x', 70004), 'test-webhook-secret_42', `http://127.0.0.1:${h.running!.port}/khac`)).status).toBe(404);
    await new Promise((r) => setTimeout(r, 150));
    expect(await h.botMessages(chat.id, mark)).toEqual([]);
  });
});

describe('Telegram: webhook stop', () => {
  it('stops listening', async () => {
    await h.running!.stop();
    h.running = undefined;
    await expect(post(update('x', 70005), 'test-webhook-secret_42')).rejects.toThrow();
  });
});
