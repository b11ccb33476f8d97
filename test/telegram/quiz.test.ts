import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, group, Harness, htmlToText, privateChat, user } from './harness.js';

/** Three items on the fixture knowledge's entries. */
const BANK = `topic: thu
items:
  - id: the
    question: Khi nào cán bộ phải đeo thẻ?
    options: [Khi thực hiện nhiệm vụ, Chỉ khi họp]
    answer: A
    explanation: Phải đeo thẻ khi thực hiện nhiệm vụ.
    tests: the-cong-chuc
    key: đeo thẻ
    difficulty: de
  - id: ruou
    question: Có được uống rượu bia trong giờ nghỉ trưa không?
    options: [Được, Không]
    answer: B
    explanation: Không dùng đồ uống có cồn trong giờ làm việc, giờ nghỉ trưa, ngày trực.
    tests: ruou-bia-gio-lam-viec
    key: giờ nghỉ trưa
    difficulty: de
  - id: cong-khai
    question: Kết quả giải quyết thủ tục hành chính có phải công khai không?
    options: [Không, Có]
    answer: B
    explanation: Kết quả phải được công khai để người dân theo dõi.
    tests: cong-khai-ket-qua-tthc
    key: công khai
    difficulty: de
`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const GROUP = group(-1002000000001, 'Phòng Nội vụ');
const LAN = user(7001, 'Lan');
const MINH = user(7002, 'Minh');

describe('knowledge check on Telegram (quiz polls; sendPoll, stopPoll and poll_answer as Telegram sends them)', () => {
  it('an admin opens a round in a group, members answer the quiz polls, the round closes with results; each person sees theirs; the admin gets the report, CSV and chart', async () => {
    h = await Harness.start({
      prepareKnowledge: async (kb) => {
        await mkdir(path.join(kb, 'quiz'));
        await writeFile(path.join(kb, 'quiz', 'thu.yaml'), BANK);
      },
    });
    // not an admin: refused
    let mark = await h.mark();
    await h.send(LAN, GROUP, '/kiemtra');
    await h.waitFor(GROUP.id, mark);
    expect(h.polls()).toHaveLength(0);

    mark = await h.mark();
    await h.send(ADMIN, GROUP, '/kiemtra 3');
    const [intro] = await h.waitFor(GROUP.id, mark, 1);
    expect(htmlToText(intro!.text)).toContain('Kiểm tra kiến thức định kỳ');
    await h.until(async () => h!.polls().length === 3, 'three polls');
    const polls = h.polls();
    for (const p of polls) {
      expect(p).toMatchObject({ chat_id: String(GROUP.id), type: 'quiz', is_anonymous: false });
      expect(p.explanation.length).toBeLessThanOrEqual(200);
    }
    const byId = (q: string) => polls.find((p) => p.question.includes(q))!;
    const the = byId('đeo thẻ');
    expect(the.correct_option_ids).toEqual([0]);
    expect(the.explanation).toContain('Nguồn: Điều 7');

    // Lan: all right; Minh: one wrong
    for (const p of polls) h.injectPollAnswer(p.poll_id, LAN, p.correct_option_ids[0]!);
    h.injectPollAnswer(the.poll_id, MINH, 1);
    await h.until(async () => (h!.quiz.answersOf(h!.quiz.openRound('telegram', String(GROUP.id))!.id, String(LAN.id)).length === 3 ? true : undefined), 'Lan recorded');
    await h.until(async () => (h!.quiz.answersOf(h!.quiz.openRound('telegram', String(GROUP.id))!.id, String(MINH.id)).length === 1 ? true : undefined), 'Minh recorded');

    mark = await h.mark();
    await h.send(ADMIN, GROUP, '/kiemtra dong');
    const after = await h.waitFor(GROUP.id, mark, 2);
    const results = after.map((m) => htmlToText(m.text)).find((t) => t.includes('Kết quả đợt kiểm tra'))!;
    expect(results).toContain('2 người tham gia');
    expect(results).toContain('50% trả lời đúng (1/2)');
    expect(results).toContain('Nguồn: Điều 7, Quy chế văn hóa công sở');
    expect(results).toContain('1 người đạt điểm cao nhất 3/3');
    expect(results).not.toContain('Lan');
    expect(h.calls.filter((c) => c.method === 'stopPoll').map((c) => c.payload.message_id)).toEqual(polls.map((p) => p.message_id));

    // /ketqua: private only; Minh is told what to re-read, with the entry itself
    mark = await h.mark();
    await h.send(MINH, GROUP, '/ketqua');
    expect(htmlToText((await h.waitFor(GROUP.id, mark))[0]!.text)).toContain('tin nhắn riêng');
    mark = await h.mark();
    await h.send(MINH, privateChat(MINH), '/ketqua');
    const [mine, reread] = await h.waitFor(MINH.id, mark, 2);
    expect(htmlToText(mine!.text)).toContain('0/3 câu đúng');
    expect(htmlToText(mine!.text)).toContain('Nên đọc lại');
    expect(htmlToText(reread!.text)).toContain('Nguồn: Điều 7');

    // /baocao: admins, in private: text, CSV and chart
    mark = await h.mark();
    await h.send(ADMIN, privateChat(ADMIN), `/baocao ${GROUP.id}`);
    const [report] = await h.waitFor(ADMIN.id, mark);
    expect(htmlToText(report!.text)).toContain('Số đợt: 1');
    expect(htmlToText(report!.text)).toContain('Minh: 0% (0/3 câu, 1 đợt)');
    await h.until(async () => h!.calls.some((c) => c.method === 'sendPhoto'), 'chart sent');
    expect(h.calls.filter((c) => c.method === 'sendDocument')).toHaveLength(1);
  });

  it('/kiemtra lich sets the group schedule in Vietnamese, kept across a restart', async () => {
    h = await Harness.start();
    let mark = await h.mark();
    await h.send(ADMIN, GROUP, '/kiemtra lich thứ 2 09:00');
    expect(htmlToText((await h.waitFor(GROUP.id, mark))[0]!.text)).toMatch(/^✅ Đã đặt lịch kiểm tra kiến thức: thứ Hai hằng tuần lúc 09:00 \(giờ Việt Nam\)\. Đợt tiếp theo: 09:00 thứ Hai/);
    mark = await h.mark();
    await h.send(ADMIN, GROUP, '/kiemtra lich thứ 2');
    expect(htmlToText((await h.waitFor(GROUP.id, mark))[0]!.text)).toContain('Chưa đặt được lịch: Thiếu giờ chạy');
    await h.restart();
    mark = await h.mark();
    await h.send(ADMIN, GROUP, '/kiemtra xem');
    expect(htmlToText((await h.waitFor(GROUP.id, mark))[0]!.text)).toContain('Lịch: thứ Hai hằng tuần lúc 09:00');
  });
});
