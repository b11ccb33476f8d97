import { beforeAll, describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/answer/message.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Passage } from '../../src/knowledge/types.js';
import { loadQuizBank, type QuizBank } from '../../src/quiz/bank.js';
import { buildAdminReport, ketquaMessage, parseKiemtra, parsePeriod, runKiemtra } from '../../src/quiz/commands.js';
import { seededRandom } from '../../src/quiz/select.js';
import { QuizService } from '../../src/quiz/service.js';
import { MemoryQuizStore } from '../../src/quiz/store.js';
import { FakeClock, RecordingPort } from './fakes.js';

let bank: QuizBank;
let passages: Passage[];
beforeAll(async () => {
  passages = (await loadKnowledge('knowledge')).passages;
  bank = await loadQuizBank('knowledge');
});

describe('parseKiemtra', () => {
  it.each([
    ['', { kind: 'start' }],
    ['3', { kind: 'start', count: 3 }],
    ['lich thứ 2 09:00', { kind: 'schedule', text: 'thứ 2 09:00' }],
    ['lịch hằng ngày 8h', { kind: 'schedule', text: 'hằng ngày 8h' }],
    ['lich tat', { kind: 'unschedule' }],
    ['lịch hủy', { kind: 'unschedule' }],
    ['lich', { kind: 'status' }],
    ['xem', { kind: 'status' }],
    ['tên bật', { kind: 'names', on: true }],
    ['ten tat', { kind: 'names', on: false }],
    ['điểm đạt 70', { kind: 'passMark', percent: 70 }],
    ['diemdat 70', { kind: 'passMark', percent: 70 }],
    ['diemdat 70%', { kind: 'passMark', percent: 70 }],
    ['diemdat 170', undefined],
    ['gio 48', { kind: 'hours', hours: 48 }],
    ['gio 0', undefined],
    ['abc', undefined],
  ])('%s', (args, expected) => {
    expect(parseKiemtra(args)).toEqual(expected);
  });
});

describe('parsePeriod (Vietnam dates)', () => {
  const now = new Date('2026-12-02T12:00:00Z'); // Wednesday 19:00 in Vietnam
  it.each([
    ['', {}],
    ['30 ngày', { from: '2026-11-02T12:00:00.000Z' }],
    ['tuần này', { from: '2026-11-29T17:00:00.000Z' }],
    ['tháng này', { from: '2026-11-30T17:00:00.000Z' }],
    ['tháng 11/2026', { from: '2026-10-31T17:00:00.000Z', to: '2026-11-30T17:00:00.000Z' }],
    ['tháng 12/2026', { from: '2026-11-30T17:00:00.000Z', to: '2026-12-31T17:00:00.000Z' }],
    ['từ 01/11/2026 đến 30/11/2026', { from: '2026-10-31T17:00:00.000Z', to: '2026-11-30T17:00:00.000Z' }],
    ['từ 30/11/2026 đến 01/11/2026', undefined],
    ['tháng 13/2026', undefined],
    ['hôm qua', undefined],
  ])('%s', (args, expected) => {
    expect(parsePeriod(args, now)).toEqual(expected);
  });
});

describe('commands on the quiz service', () => {
  function setup() {
    const clock = new FakeClock(Date.parse('2026-12-02T12:00:00Z'));
    const service = new QuizService({ bank, passages, store: new MemoryQuizStore(), clock, random: seededRandom(4), log: () => {} });
    const port = new RecordingPort();
    service.attach('telegram', port);
    return { clock, service, port };
  }
  const admin = { id: 'a1', name: 'Quản trị' };
  const text = (m: Parameters<typeof toPlainText>[0]) => toPlainText(m);

  it('schedules, reports its status, refuses a bad schedule with the reason, and removes it', async () => {
    const { service } = setup();
    await service.start();
    expect(text(await runKiemtra(service, 'telegram', '-1', 'Phòng A', admin, { kind: 'schedule', text: 'thứ 2 09:00' }))).toBe(
      '✅ Đã đặt lịch kiểm tra kiến thức: thứ Hai hằng tuần lúc 09:00 (giờ Việt Nam). Đợt tiếp theo: 09:00 thứ Hai 07/12/2026.',
    );
    expect(text(await runKiemtra(service, 'telegram', '-1', 'Phòng A', admin, { kind: 'schedule', text: 'thứ 2' }))).toMatch(/^Chưa đặt được lịch: Thiếu giờ chạy/);
    await runKiemtra(service, 'telegram', '-1', 'Phòng A', admin, { kind: 'names', on: true });
    const status = text(await runKiemtra(service, 'telegram', '-1', 'Phòng A', admin, { kind: 'status' }));
    expect(status).toContain('Lịch: thứ Hai hằng tuần lúc 09:00; đợt tiếp theo 09:00 thứ Hai 07/12/2026.');
    expect(status).toContain('ghi tên người điểm cao: có');
    expect(text(await runKiemtra(service, 'telegram', '-1', undefined, admin, { kind: 'unschedule' }))).toBe('Đã bỏ lịch kiểm tra của nhóm.');
    expect(text(await runKiemtra(service, 'telegram', '-1', undefined, admin, { kind: 'unschedule' }))).toBe('Nhóm chưa có lịch kiểm tra.');
    service.stop();
  });

  it('starts a round, then gives each person their history and the admin a report, CSV and chart', async () => {
    const { service, port, clock } = setup();
    await service.start();
    expect(text(await runKiemtra(service, 'telegram', '-1', 'Phòng A', admin, { kind: 'start', count: 2 }))).toBe('Đã mở đợt kiểm tra 2 câu, đóng lúc 19:00 thứ Năm 03/12/2026.');
    expect(text(await runKiemtra(service, 'telegram', '-1', 'Phòng A', admin, { kind: 'start' }))).toMatch(/đang có một đợt kiểm tra chưa kết thúc/);
    const [a, b] = port.opened[0]!.items;
    const posts = service.openRound('telegram', '-1')!.posts;
    await service.answerPoll('telegram', posts[0]!.pollId!, { id: 'u1', name: 'Lan' }, a!.correct);
    await service.answerPoll('telegram', posts[1]!.pollId!, { id: 'u1', name: 'Lan' }, (b!.correct + 1) % b!.options.length);
    await clock.advanceTo('2026-12-03T12:00:01Z', () => service.idle());

    const mine = text(ketquaMessage(service, 'telegram', 'u1'));
    expect(mine).toContain('1/2 câu đúng');
    expect(mine).toContain(`Nên đọc lại:\n\n• ${b!.question}`);
    expect(mine).toContain(`đọc lại: ${service.passageOf(b!)!.title}`);
    expect(text(ketquaMessage(service, 'telegram', 'u9'))).toBe('Bạn chưa tham gia đợt kiểm tra kiến thức nào đã kết thúc.');

    const report = await buildAdminReport(service, 'telegram', '-1', {});
    expect(text(report.message)).toContain('Số đợt: 1');
    expect(text(report.message)).toContain('Lan: 50% (1/2 câu, 1 đợt)');
    expect(report.csv.name).toBe('ket-qua-kiem-tra--1-2026-12-03.csv');
    expect(report.csv.bytes.toString('utf8').split('\n').filter(Boolean)).toHaveLength(3);
    expect(report.chart!.bytes.subarray(1, 4).toString()).toBe('PNG');
    const empty = await buildAdminReport(service, 'telegram', '-2', {});
    expect(text(empty.message)).toContain('Chưa có đợt kiểm tra nào đã kết thúc');
    expect(empty.chart).toBeUndefined();
    service.stop();
  });
});
