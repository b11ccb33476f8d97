import { inflateSync } from 'node:zlib';

/**
 * Shows Zalo's login QR code in a terminal. Zalo hands out only a PNG (its `code` field
 * is a polling token, not the QR's content), so the PNG is decoded here, its modules
 * sampled, and drawn with half blocks in forced black-on-white colours, readable by a
 * phone whatever the terminal's theme.
 */

export interface GrayImage {
  width: number;
  height: number;
  /** 0 (black) … 255 (white), row by row; transparency composited on white */
  gray: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes a non-interlaced PNG (any colour type, bit depth 1–16) to grey levels. */
export function decodePng(png: Buffer): GrayImage {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('không phải tệp PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = 0;
  let palette: Buffer | undefined;
  let paletteAlpha: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8]!;
      colorType = data[9]!;
      if (data[12] !== 0) throw new Error('PNG xen kẽ (interlaced) chưa được hỗ trợ');
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') paletteAlpha = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  const channels = CHANNELS[colorType];
  if (!width || !height || !channels || ![1, 2, 4, 8, 16].includes(depth)) throw new Error('PNG không hợp lệ');
  const raw = inflateSync(Buffer.concat(idat));
  const bitsPerPixel = channels * depth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? rows[out + x - bpp]! : 0;
      const up = y > 0 ? rows[out - stride + x]! : 0;
      const upLeft = y > 0 && x >= bpp ? rows[out - stride + x - bpp]! : 0;
      const v = line[x]!;
      rows[out + x] =
        filter === 0 ? v : filter === 1 ? v + left : filter === 2 ? v + up : filter === 3 ? v + ((left + up) >> 1) : v + paeth(left, up, upLeft);
    }
  }
  const maxValue = (1 << Math.min(depth, 8)) - 1;
  const sample = (y: number, index: number): number => {
    // index-th channel value of the row, scaled to 0..255
    if (depth === 16) return rows[y * stride + index * 2]!;
    if (depth === 8) return rows[y * stride + index]!;
    const bit = index * depth;
    const byte = rows[y * stride + (bit >> 3)]!;
    const v = (byte >> (8 - depth - (bit & 7))) & maxValue;
    return colorType === 3 ? v : Math.round((v * 255) / maxValue);
  };
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let value: number;
      let alpha = 255;
      const i = x * channels;
      if (colorType === 0) value = sample(y, i);
      else if (colorType === 4) {
        value = sample(y, i);
        alpha = sample(y, i + 1);
      } else if (colorType === 2 || colorType === 6) {
        value = (sample(y, i) + sample(y, i + 1) + sample(y, i + 2)) / 3;
        if (colorType === 6) alpha = sample(y, i + 3);
      } else {
        const p = sample(y, i);
        value = palette ? (palette[p * 3]! + palette[p * 3 + 1]! + palette[p * 3 + 2]!) / 3 : 0;
        alpha = paletteAlpha && p < paletteAlpha.length ? paletteAlpha[p]! : 255;
      }
      gray[y * width + x] = Math.round((value * alpha + 255 * (255 - alpha)) / 255);
    }
  }
  return { width, height, gray };
}

/**
 * The QR code's modules (true = dark), found from the dark pixels' bounding box and the
 * top-left finder pattern (7 modules wide); undefined when no QR code is recognisable.
 */
export function qrModules(img: GrayImage): boolean[][] | undefined {
  const dark = (x: number, y: number) => img.gray[Math.floor(y) * img.width + Math.floor(x)]! < 128;
  let minX = img.width;
  let minY = img.height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (!dark(x, y)) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return undefined;
  // the width: a caption under the code would stretch the height
  const sizePx = maxX - minX + 1;
  // the finder pattern's outer ring, measured a little inside its corner
  const inset = Math.max(1, Math.floor(sizePx / 200));
  let h = 0;
  while (minX + inset + h <= maxX && dark(minX + inset + h, minY + inset)) h++;
  let v = 0;
  while (minY + inset + v <= maxY && dark(minX + inset, minY + inset + v)) v++;
  const estimate = (h + v + 2 * inset) / 14;
  if (estimate < 1) return undefined;
  const version = Math.round((sizePx / estimate - 21) / 4);
  if (version < 0 || version > 39) return undefined;
  const n = 21 + 4 * version;
  const module = sizePx / n;
  const grid: boolean[][] = [];
  for (let j = 0; j < n; j++) {
    const row: boolean[] = [];
    for (let i = 0; i < n; i++) {
      const x = Math.min(img.width - 1, minX + (i + 0.5) * module);
      const y = Math.min(img.height - 1, minY + (j + 0.5) * module);
      row.push(dark(x, y));
    }
    grid.push(row);
  }
  return grid;
}

const BLACK_FG = '\x1b[30m';
const WHITE_FG = '\x1b[97m';
const BLACK_BG = '\x1b[40m';
const WHITE_BG = '\x1b[107m';
const RESET = '\x1b[0m';

/** Two module rows per text line ('▀': top in the foreground colour, bottom in the background), with a quiet zone. */
export function renderModules(grid: boolean[][], quiet = 2): string {
  const n = grid.length + 2 * quiet;
  const at = (x: number, y: number) => grid[y - quiet]?.[x - quiet] ?? false;
  const lines: string[] = [];
  for (let y = 0; y < n; y += 2) {
    let line = '';
    for (let x = 0; x < n; x++) line += (at(x, y) ? BLACK_FG : WHITE_FG) + (at(x, y + 1) ? BLACK_BG : WHITE_BG) + '▀';
    lines.push(line + RESET);
  }
  return lines.join('\n');
}

/** The login QR (base64 PNG) drawn for a terminal; undefined when it cannot be read. */
export function qrForTerminal(base64Png: string): string | undefined {
  try {
    const grid = qrModules(decodePng(Buffer.from(base64Png.replace(/^data:image\/\w+;base64,/, ''), 'base64')));
    return grid ? renderModules(grid) : undefined;
  } catch {
    return undefined;
  }
}
