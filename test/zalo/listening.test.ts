import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TextStyle, ThreadType } from 'zca-js';
import { copyOfFixtureKnowledge, removeDir, tempDir } from '../helpers/temp.js';
import { GROUP, groupMessage, harness, linkContent, nextIds, OWN_ID, quoteOf, USER, USER_ID, userMessage, type Harness } from './helpers.js';

let kb: string;
let data: string;
const open: Harness[] = [];

/** A long FAQ answer of many sentences, to be split. */
const LONG_SENTENCE = 'Cán bộ, công chức, viên chức phải giữ gìn văn hóa công sở trong mọi hoạt động công vụ hằng ngày tại cơ quan.';
const LONG_ANSWER = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${LONG_SENTENCE}`).join(' ');

beforeAll(async () => {
  kb = await copyOfFixtureKnowledge();
  data = await tempDir('congvu-zalo-listen-');
  await writeFile(
    path.join(kb, 'faq', 'van-hoa-cong-so-dai.md'),
    `---\nid: van-hoa-cong-so-dai\ntitle: Giữ gìn văn hóa công sở hằng ngày\ntopic: van-hoa-cong-so\nquestions:\n  - Giữ gìn văn hóa công sở hằng ngày như thế nào?\nsource:\n  document: Quyết định số 1847/QĐ-TTg\n  summary: true\n---\n${LONG_ANSWER}\n`,
  );
});

afterEach(async () => {
  for (const h of open.splice(0)) await h.channel.stop();
});

afterAll(async () => {
  await removeDir(kb);
  await removeDir(data);
});

async function setup(): Promise<Harness> {
  const h = await harness(kb, data);
  open.push(h);
  return h;
}

async function lastQuestion(h: Harness): Promise<string | undefined> {
  return (await h.store.questions.readAll()).at(-1)?.question;
}

describe('Zalo: which messages are questions', () => {
  it('answers an @mention in a group, with the mention cut out, quoting the question, title in bold', async () => {
    const h = await setup();
    const m = groupMessage('công chức có phải đeo thẻ không', { mentionBot: true });
    await h.receive(m);
    expect(await lastQuestion(h)).toBe('công chức có phải đeo thẻ không');
    expect(h.port.sent).toHaveLength(1);
    const [reply] = h.port.sent;
    expect(reply!.type).toBe(ThreadType.Group);
    expect(reply!.threadId).toBe(GROUP);
    expect(reply!.content.msg.startsWith('Đeo thẻ khi làm việc\n\n')).toBe(true);
    expect(reply!.content.msg).toContain('Nguồn: Điều 7, Quy chế văn hóa công sở');
    expect(reply!.content.styles).toContainEqual({ start: 0, len: 'Đeo thẻ khi làm việc'.length, st: TextStyle.Bold });
    expect(reply!.content.styles!.some((s) => s.st === TextStyle.Italic)).toBe(true);
    expect(reply!.content.quote).toMatchObject({ msgId: String(m.data.msgId), cliMsgId: String(m.data.cliMsgId), uidFrom: USER });
  });

  it('answers a reply that quotes one of the bot\'s messages', async () => {
    const h = await setup();
    await h.receive(groupMessage('Giờ nghỉ trưa có được uống bia không?', { quote: quoteOf(OWN_ID, 7_111_000_000_000n, 'Xin chào') }));
    expect(h.port.textsTo(GROUP)).toHaveLength(1);
    expect(h.port.textsTo(GROUP)[0]).toContain('Uống rượu bia trong giờ làm việc');
  });

  it('answers /hoi without a mention', async () => {
    const h = await setup();
    await h.receive(groupMessage('/hoi Kết quả giải quyết thủ tục hành chính có phải công khai không?'));
    expect(await lastQuestion(h)).toBe('Kết quả giải quyết thủ tục hành chính có phải công khai không?');
    expect(h.port.textsTo(GROUP)[0]).toContain('Công khai kết quả giải quyết thủ tục hành chính');
  });

  it('ignores group chatter: no mention, a mention of someone else, a quote of someone else', async () => {
    const h = await setup();
    await h.receive(groupMessage('công chức có phải đeo thẻ không'));
    await h.receive(groupMessage('@Lan công chức có phải đeo thẻ không', { mentions: [{ uid: 4_000_000_000_000_000_555n, pos: 0, len: 4 }] }));
    await h.receive(groupMessage('@All họp lúc 2 giờ nhé', { mentions: [{ uid: '-1', pos: 0, len: 4 }] }));
    await h.receive(groupMessage('đồng ý', { quote: quoteOf(4_000_000_000_000_000_555n, 7_111_000_000_001n) }));
    expect(h.port.sent).toHaveLength(0);
    expect(await h.store.questions.readAll()).toHaveLength(0);
  });

  it('answers a direct message, as a direct message', async () => {
    const h = await setup();
    const m = userMessage('Đi làm quên đeo thẻ có sao không');
    await h.receive(m);
    expect(h.port.sent).toHaveLength(1);
    expect(h.port.sent[0]).toMatchObject({ threadId: USER, type: ThreadType.User });
    expect(h.port.sent[0]!.content.msg).toContain('Đeo thẻ khi làm việc');
  });

  it('keeps every digit of big-number ids (group, sender, message) by turning them into strings', async () => {
    const h = await setup();
    const big = { group: 98_765_432_109_876_543_210n, from: 12_345_678_901_234_567_890n };
    const m = groupMessage('Xe công vụ có được chở người nhà đi chơi không?', { ...big, mentionBot: true });
    await h.receive(m);
    const ticket = h.core.desk.pending()[0]!;
    expect(ticket.askers[0]).toMatchObject({ platform: 'zalo', chatId: '98765432109876543210', userId: '12345678901234567890', chatKind: 'group', messageId: String(m.data.msgId) });
    // as json-bigint hands them over: big-number objects, not strings nor native BigInt
    expect(typeof m.data.uidFrom).toBe('object');
    expect(typeof m.threadId).toBe('object');
    expect(h.port.textsTo('98765432109876543210')[0]).toContain(`(phiếu #${ticket.id})`);
    // the ids are beyond 2^53: as JavaScript numbers they would have lost digits
    expect(Number.isSafeInteger(Number(big.group))).toBe(false);
    expect(String(Number(big.group))).not.toBe('98765432109876543210');
  });

  it('answers a message delivered twice only once (same msgId, or same client id)', async () => {
    const h = await setup();
    const ids = nextIds();
    const m = groupMessage('công chức có phải đeo thẻ không', { mentionBot: true, ids });
    await h.receive(m);
    await h.receive(m);
    await h.receive(groupMessage('công chức có phải đeo thẻ không', { mentionBot: true, ids }));
    await h.receive(groupMessage('công chức có phải đeo thẻ không', { mentionBot: true, ids: { msgId: nextIds().msgId, cliMsgId: ids.cliMsgId } }));
    expect(h.port.sent).toHaveLength(1);
    expect(await h.store.questions.readAll()).toHaveLength(1);
  });

  it('answers a shared link by the words sent with it (the address left out), in a group or a direct chat', async () => {
    const h = await setup();
    const inGroup = groupMessage(linkContent('@Trợ lý công chức có phải đeo thẻ không https://dichvucong.gov.vn/p/home/dvc-trang-chu.html'), {
      msgType: 'chat.recommended',
      mentions: [{ uid: OWN_ID, pos: 0, len: '@Trợ lý'.length }],
    });
    await h.receive(inGroup);
    expect(await lastQuestion(h)).toBe('công chức có phải đeo thẻ không');
    expect(h.port.textsTo(GROUP)).toHaveLength(1);
    expect(h.port.textsTo(GROUP)[0]).toContain('Đeo thẻ khi làm việc');
    expect(h.port.sent[0]!.content.quote).toMatchObject({ msgId: String(inGroup.data.msgId), msgType: 'chat.recommended', content: { action: 'recommened.link' } });

    await h.receive(userMessage(linkContent('Giờ nghỉ trưa có được uống bia không? xem https://vanban.chinhphu.vn/abc'), { msgType: 'chat.recommended' }));
    expect(await lastQuestion(h)).toBe('Giờ nghỉ trưa có được uống bia không? xem');
    expect(h.port.textsTo(USER)[0]).toContain('Uống rượu bia trong giờ làm việc');

    // a link shared with no words, or a contact card, is no question
    h.port.clear();
    await h.receive(userMessage(linkContent('https://dichvucong.gov.vn/'), { msgType: 'chat.recommended' }));
    await h.receive(userMessage({ ...linkContent('Nguyễn Văn B'), action: 'recommened.user' }, { msgType: 'chat.recommended' }));
    expect(h.port.sent).toHaveLength(0);
  });

  it('ignores stickers, photos and broken payloads without stopping the listener', async () => {
    const h = await setup();
    await h.receive(groupMessage({ title: '', href: 'https://photo.zdn.vn/x.jpg', thumb: '', params: '{}', type: '' }, { mentionBot: false }));
    await h.receive(userMessage({ id: 123, catId: 1, type: 7 }));
    await h.receive(userMessage(null));
    const broken = userMessage('xin chào');
    (broken as unknown as { data: unknown }).data = undefined;
    await h.receive(broken);
    expect(h.port.sent).toHaveLength(0);
    await h.receive(userMessage('Đi làm quên đeo thẻ có sao không'));
    expect(h.port.sent).toHaveLength(1);
  });
});

describe('Zalo: replies', () => {
  it('splits a long answer into messages under 2000 characters at sentence ends, quoting the question once', async () => {
    const h = await setup();
    await h.receive(groupMessage('Giữ gìn văn hóa công sở hằng ngày như thế nào?', { mentionBot: true }));
    const parts = h.port.sent;
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.content.msg.length).toBeLessThan(2000);
    for (const p of parts.slice(0, -1)) expect(p.content.msg).toMatch(/\.$/);
    expect(parts[0]!.content.quote).toBeDefined();
    expect(parts.slice(1).every((p) => p.content.quote === undefined)).toBe(true);
    const all = parts.map((p) => p.content.msg).join(' ');
    for (let i = 1; i <= 40; i++) expect(all).toContain(`${i}. ${LONG_SENTENCE}`);
    expect(parts[0]!.content.styles![0]).toEqual({ start: 0, len: 'Giữ gìn văn hóa công sở hằng ngày'.length, st: TextStyle.Bold });
  });

  it('offers suggestions as a numbered list; a reply to it with a number shows that entry', async () => {
    const h = await setup();
    await h.receive(groupMessage('công chức đeo thẻ và uống rượu bia', { mentionBot: true }));
    const list = h.port.sent.at(-1)!;
    expect(list.content.msg).toMatch(/^Có phải bạn muốn hỏi:\n\n1\. .+/);
    const alcohol = choiceNumber(list.content.msg, 'Uống rượu bia trong giờ làm việc');
    expect(list.content.msg).toContain('Trả lời (reply) tin nhắn này bằng số thứ tự');
    h.port.clear();
    // a bare number in the group without replying to the bot is chatter
    await h.receive(groupMessage('1'));
    expect(h.port.sent).toHaveLength(0);
    // another member replying with a number to the list also gets the entry
    await h.receive(groupMessage(alcohol!, { quote: quoteOf(OWN_ID, list.msgId), from: 4_000_000_000_000_000_222n }));
    expect(h.port.sent).toHaveLength(1);
    expect(h.port.sent[0]!.content.msg).toContain('Nguồn: Quyết định số 1847/QĐ-TTg');
    h.port.clear();
    await h.receive(groupMessage('7', { quote: quoteOf(OWN_ID, list.msgId) }));
    expect(h.port.sent[0]!.content.msg).toBe('Bạn hãy chọn từ 1 đến 2 (hoặc 0 để hỏi cán bộ hỗ trợ), hoặc hỏi lại rõ hơn.');
    // "0" quoting the list hands the question to a person
    await h.receive(groupMessage('0', { quote: quoteOf(OWN_ID, list.msgId) }));
    expect(h.core.desk.pending()).toEqual([expect.objectContaining({ question: 'công chức đeo thẻ và uống rượu bia' })]);
  });

  it('under an answer: 👍 or 👎 as a reply (Zalo\'s reliable path), recorded once', async () => {
    const h = await setup();
    await h.receive(groupMessage('công chức có phải đeo thẻ không', { mentionBot: true }));
    const answer = h.port.sent.at(-1)!;
    expect(answer.content.msg).toContain('Trả lời (reply) tin nhắn này bằng 👍 (hữu ích), 👎 (chưa đúng) hoặc 0 (hỏi cán bộ hỗ trợ).');
    expect(answer.content.msg.split('👎')).toHaveLength(2);
    await h.receive(groupMessage('👍', { quote: quoteOf(OWN_ID, answer.msgId) }));
    expect(await h.store.feedback.readAll()).toEqual([expect.objectContaining({ platform: 'zalo', passageId: 'the-cong-chuc', helpful: true })]);
    expect(h.port.sent.at(-1)!.content.msg).toBe('Cảm ơn bạn đã đánh giá! 👍');
  });

  it('in a direct chat a bare number picks from the last suggestions', async () => {
    const h = await setup();
    await h.receive(userMessage('công chức đeo thẻ và uống rượu bia'));
    const list = h.port.sent.at(-1)!.content.msg;
    expect(list).toContain('Gõ số thứ tự để xem câu trả lời');
    await h.receive(userMessage(choiceNumber(list, 'Uống rượu bia trong giờ làm việc')!));
    expect(h.port.sent.at(-1)!.content.msg).toContain('Uống rượu bia trong giờ làm việc');
    expect(h.port.sent.at(-1)!.threadId).toBe(USER);
    expect(String(USER_ID)).toBe(USER);
  });

  it('/id tells a group its id, for ZALO_MODERATOR_GROUP_ID', async () => {
    const h = await setup();
    await h.receive(groupMessage('/id'));
    expect(h.port.sent[0]!.content.msg).toContain(`Mã cuộc trò chuyện (chat id): ${GROUP} (nhóm)`);
    expect(h.port.sent[0]!.content.msg).toContain(`ZALO_MODERATOR_GROUP_ID=${GROUP}`);
  });
});

/** The number a suggestion list gives an entry ("2. Uống rượu bia…" → "2"). */
function choiceNumber(list: string, title: string): string | undefined {
  return list.split('\n').find((line) => line.endsWith(`. ${title}`))?.split('.')[0];
}
