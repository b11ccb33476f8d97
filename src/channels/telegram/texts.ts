import { plain, type Message } from '../../answer/message.js';

/** Vietnamese texts only the Telegram channel needs (everything a conversation says is in src/app/texts.ts). */

export const RATE_LIMITED: Message = {
  paragraphs: [[plain('Bạn đang hỏi hơi nhanh 🙂 Mình xin phép tạm nghỉ một chút: vui lòng đợi khoảng nửa phút rồi hỏi tiếp nhé.')]],
};

export const SOMETHING_WRONG: Message = {
  paragraphs: [[plain('Xin lỗi, mình đang gặp sự cố khi xử lý tin nhắn này. Bạn vui lòng thử lại sau ít phút.')]],
};
