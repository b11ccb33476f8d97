import WordExtractor from 'word-extractor';
import { ImportError } from './errors.js';
import { normalizeLines } from './lines.js';

/** Word 97–2003 (.doc): the main text, one paragraph per line (headers, footers and notes left out). */
export async function docLines(data: Uint8Array): Promise<string[]> {
  let body: string;
  try {
    body = (await new WordExtractor().extract(Buffer.from(data))).getBody();
  } catch {
    throw new ImportError(
      'Không đọc được tệp .doc (Word 97–2003): tệp bị hỏng, có mật khẩu hoặc không phải tệp Word. Hãy mở bằng Word (hoặc LibreOffice) và lưu lại thành .docx rồi gửi lại.',
    );
  }
  // Word marks cells and rows with control characters; a cell is a line of its own.
  return normalizeLines(body.replace(/[\u0007\u000b\u000c]/g, '\n'));
}
