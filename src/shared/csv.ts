// RFC-4180 CSV reading for staff uploads (Excel exports): UTF-8 or GBK bytes → records with physical line numbers.
import iconv from 'iconv-lite';

export interface CsvRecord {
  /** 1-based physical line the record starts on, so messages can say 第N行 even when a quoted cell spans lines. */
  line: number;
  cells: string[];
}

/** The text ends inside a quoted cell; `line` is where that cell opened. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

/** Index of the comma or line break that ends an unquoted cell (or of the text's end). */
function cellEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) break;
    i++;
  }
  return i;
}

/**
 * Yields records lazily in a single pass over the string (charCode scan + slices, no per-char regex), so a caller can
 * stop early or process 100k rows without building the whole list. Line breaks: CRLF, LF, or a lone CR. Lenient where
 * Excel output is sloppy: a stray quote inside an unquoted cell is kept literally, text after a closing quote is
 * appended. Only an unterminated quoted cell throws (CsvSyntaxError), because everything after it would be garbage.
 */
export function* readCsv(text: string): Generator<CsvRecord> {
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    for (;;) {
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        i++;
        let value0 = '';
        let segStart = i;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(openLine, `第${openLine}行：引号未闭合`);
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (i + 1 < n && text.charCodeAt(i + 1) === QUOTE) {
              value0 += text.slice(segStart, i + 1);
              i += 2;
              segStart = i;
              continue;
            }
            value0 += text.slice(segStart, i);
            i++;
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
          i++;
        }
        const tailStart = i;
        i = cellEnd(text, i);
        value = tailStart === i ? value0 : value0 + text.slice(tailStart, i);
      } else {
        const start = i;
        i = cellEnd(text, i);
        value = text.slice(start, i);
      }
      cells.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    yield { line: startLine, cells };
  }
}

/** All records of `text` (leading BOM stripped). An empty physical line is a record with one empty cell. */
export function parseCsv(text: string): CsvRecord[] {
  return Array.from(readCsv(text));
}

export type CsvEncoding = 'utf-8' | 'gbk';

/**
 * Excel on Chinese Windows saves CSV as GBK unless "CSV UTF-8" is chosen, so both arrive. Strict UTF-8 decoding fails
 * on virtually any GBK text containing Chinese, so it is a reliable detector; the fallback decodes as GB18030 (a superset
 * of GBK, so rare characters in 4-byte form still come through) and is reported as 'gbk'.
 */
export function decodeCsv(buf: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    // ignoreBOM: false (the default) makes TextDecoder drop a UTF-8 BOM.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gbk' };
  }
}

export function decodeCsvBuffer(buf: Buffer): string {
  return decodeCsv(buf).text;
}

/** The bytes are not UTF-8 (thrown by readCsvStream in 'utf-8' mode: read again as GBK). */
export class NotUtf8Error extends Error {
  constructor() {
    super('not UTF-8');
    this.name = 'NotUtf8Error';
  }
}

/** Line breaks as readCsv counts them: LF, CRLF (once), or a lone CR. */
function lineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/**
 * readCsv over a byte stream, without holding the file: decoded text is cut after the last line feed outside a
 * quoted cell (an even number of quotes before it), each piece parsed as it comes, line numbers kept across pieces.
 * `encoding` 'utf-8' throws NotUtf8Error on the first invalid byte (the caller starts again as GBK).
 */
export async function* readCsvStream(
  chunks: AsyncIterable<Uint8Array>,
  encoding: CsvEncoding,
  onBytes?: (n: number) => void,
): AsyncGenerator<CsvRecord> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const gbk = iconv.getDecoder('gb18030');
  const decode = (bytes: Uint8Array | null): string => {
    if (encoding === 'gbk') return bytes ? gbk.write(Buffer.from(bytes)) : (gbk.end() ?? '');
    try {
      return bytes ? utf8.decode(bytes, { stream: true }) : utf8.decode();
    } catch {
      throw new NotUtf8Error();
    }
  };
  let pending = '';
  let lineOffset = 0;
  function* parse(piece: string): Generator<CsvRecord> {
    for (const rec of readCsv(piece)) yield { line: rec.line + lineOffset, cells: rec.cells };
    lineOffset += lineBreaks(piece);
  }
  for await (const chunk of chunks) {
    onBytes?.(chunk.byteLength);
    pending += decode(chunk);
    // The last LF with an even number of quotes before it ends a record.
    let quotes = 0;
    let cut = -1;
    for (let i = 0; i < pending.length; i++) {
      const c = pending.charCodeAt(i);
      if (c === QUOTE) quotes++;
      else if (c === LF && quotes % 2 === 0) cut = i;
    }
    if (cut < 0) continue;
    const piece = pending.slice(0, cut + 1);
    pending = pending.slice(cut + 1);
    yield* parse(piece);
  }
  pending += decode(null);
  if (pending.length > 0) yield* parse(pending);
}
