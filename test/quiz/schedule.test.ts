import { describe, expect, it } from 'vitest';
import { formatVnTime, nextRun, parseSchedule, ScheduleError } from '../../src/quiz/schedule.js';

describe('parseSchedule (Vietnamese → cron, Vietnam time)', () => {
  it.each([
    ['thứ 2 09:00', '0 9 * * 1', 'thứ Hai hằng tuần lúc 09:00'],
    ['Thứ Hai lúc 9h', '0 9 * * 1', 'thứ Hai hằng tuần lúc 09:00'],
    ['thu 2 9h', '0 9 * * 1', 'thứ Hai hằng tuần lúc 09:00'],
    ['thứ 2, thứ 5 8h30', '30 8 * * 1,4', 'thứ Hai, thứ Năm hằng tuần lúc 08:30'],
    ['thứ 2 đến thứ 6 16:00', '0 16 * * 1-5', 'thứ Hai đến thứ Sáu lúc 16:00'],
    ['hằng ngày 8:30', '30 8 * * *', 'hằng ngày lúc 08:30'],
    ['hàng ngày lúc 8 giờ 30', '30 8 * * *', 'hằng ngày lúc 08:30'],
    ['ngày 1 hằng tháng 9:00', '0 9 1 * *', 'ngày 1 hằng tháng lúc 09:00'],
    ['chủ nhật 20h', '0 20 * * 0', 'Chủ nhật hằng tuần lúc 20:00'],
    ['thứ bảy 2 giờ chiều', '0 14 * * 6', 'thứ Bảy hằng tuần lúc 14:00'],
    ['0 9 * * 1', '0 9 * * 1', 'theo biểu thức cron "0 9 * * 1"'],
  ])('%s', (input, cron, text) => {
    expect(parseSchedule(input)).toEqual({ cron, text });
  });

  it.each([
    ['thứ 2', /Thiếu giờ/],
    ['9:00', /Thiếu ngày/],
    ['thứ 4 25:00', /không hợp lệ/],
    ['thứ 6 đến thứ 2 9:00', /thứ nhỏ đến thứ lớn/],
    ['ngày 31 hằng tháng 9:00', /từ 1 đến 28/],
    ['99 99 * * *', /Không đọc được lịch/],
  ])('rejects %s with a Vietnamese reason and examples', (input, reason) => {
    expect(() => parseSchedule(input)).toThrow(ScheduleError);
    expect(() => parseSchedule(input)).toThrow(reason);
    expect(() => parseSchedule(input)).toThrow(/Ví dụ: "thứ 2 09:00"/);
  });

  it('reads times in Asia/Ho_Chi_Minh: Monday 09:00 is 02:00 UTC, all year round (no daylight saving)', () => {
    const { cron } = parseSchedule('thứ 2 09:00');
    expect(nextRun(cron, new Date('2026-12-02T12:00:00Z'))!.toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(nextRun(cron, new Date('2027-06-30T12:00:00Z'))!.toISOString()).toBe('2027-07-05T02:00:00.000Z');
    // late Sunday in UTC is already Monday in Vietnam
    expect(nextRun(parseSchedule('hằng ngày 06:00').cron, new Date('2026-12-06T22:00:00Z'))!.toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(formatVnTime('2026-12-07T02:00:00Z')).toBe('09:00 thứ Hai 07/12/2026');
  });
});
