/**
 * What author text may contain, before anything is parsed: valid UTF-8, no
 * control characters, and sizes with a bound. Every limit here is in the
 * README ("Limits"), and each has a test at the limit and one past it.
 *
 * Why so strict: one byte in the wrong encoding turns every page, feed and
 * badge into mojibake, and one control character makes an SVG badge or an XML
 * feed unreadable for every client. A status page must refuse such content at
 * build time, naming the file and the field, rather than publish it.
 */

/** A content file larger than this is not read at all (bytes). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** An incident's or service's Markdown body (UTF-8 bytes). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Any one text in the front matter: an update message, a note, a title (UTF-8 bytes). */
export const MAX_FIELD_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The text of a file that must be UTF-8 (a leading byte-order mark is dropped),
 * or `undefined` when its bytes are not UTF-8 (a file saved as CP949/EUC-KR,
 * Latin-1 or UTF-16).
 * @example decodeUtf8(new Uint8Array([0xc7, 0xd1])) // undefined: "한" in CP949
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Line breaks as `\n`: files saved on Windows (CRLF) or old Macs (CR) read the
 * same as any other, and a carriage return never reaches a page or a feed.
 */
export function normalizeLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

// C0 controls other than tab and line feed, DEL, C1 controls, lone surrogates
// (a YAML "\ud800" escape), and U+FFFE/U+FFFF: none can be written in XML 1.0
// (badges, feeds), and NUL or ESC in HTML or an .ics are worse.
// @see https://www.w3.org/TR/xml/#charsets
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|\p{Cs}/u;
// The same without lone surrogates, for text that has none (isWellFormed):
// a quarter of the time, as it needs no reading by code points (`u`), and
// every text of every file goes through here.
// eslint-disable-next-line no-control-regex -- as above
const FORBIDDEN_IN_WELL_FORMED = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

/**
 * The first character `text` may not contain, as `U+0008` with its position
 * (1-based, in characters) and its index (in UTF-16 units), or `undefined`
 * when it is clean.
 * @example findForbiddenCharacter('카카오\u0008톡') // { code: 'U+0008', position: 4, index: 3 }
 */
export function findForbiddenCharacter(text: string): { code: string; position: number; index: number } | undefined {
  const match = (text.isWellFormed() ? FORBIDDEN_IN_WELL_FORMED : FORBIDDEN).exec(text);
  if (!match) return undefined;
  const code = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return { code: `U+${code}`, position: Array.from(text.slice(0, match.index)).length + 1, index: match.index };
}

/** What an error message says about a forbidden character. */
export function describeForbiddenCharacter(found: { code: string; position?: number }): string {
  const where = found.position === undefined ? '' : ` at character ${found.position}`;
  return `contains the control character ${found.code}${where}; remove it (only tabs and line breaks are allowed)`;
}

/** Size of `text` in UTF-8 bytes. */
export function getUtf8Length(text: string): number {
  return utf8Encoder.encode(text).length;
}

const utf8Encoder = new TextEncoder();

/**
 * A size in an error message, exact so that one byte over the limit reads as over.
 * @example formatBytes(1_048_577) // '1,048,577 bytes'
 * @example formatBytes(MAX_BODY_BYTES, { unit: true }) // '1,048,576 bytes (1 MiB)'
 */
export function formatBytes(bytes: number, { unit = false } = {}): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (!unit) return exact;
  const binary = bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
  return `${exact} (${binary})`;
}
