/**
 * XML serialisation for the feeds: typed objects in, escaped XML out, never
 * strings glued together (STYLE.md). The same fast-xml-parser that
 * @astrojs/rss uses.
 */
// fast-xml-parser 5 marks XMLBuilder deprecated in favour of its own
// dependency fast-xml-builder, which it re-exports unchanged; the project
// depends on fast-xml-parser (as @astrojs/rss does), not on that package.
import { XMLBuilder } from 'fast-xml-parser';

/**
 * Everything outside XML 1.0's `Char` production: C0 controls other than tab,
 * LF and CR, lone surrogates, U+FFFE and U+FFFF. No escape can carry them, and
 * one in an author's text would make the whole feed unreadable.
 * @see https://www.w3.org/TR/xml/#charsets
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * `text` without the characters XML cannot carry.
 * @example toXmlChars('a\u0000b') // 'ab'
 */
export function toXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

const clean = (_name: string, value: unknown): unknown => (typeof value === 'string' ? toXmlChars(value) : value);

// eslint-disable-next-line @typescript-eslint/no-deprecated
const builder = new XMLBuilder({
  ignoreAttributes: false,
  // `processEntities` (the default) escapes & < > " ' in text and attribute values.
  processEntities: true,
  suppressEmptyNode: true,
  // Otherwise an attribute whose value is the string "true" is written without a value: not XML.
  suppressBooleanAttributes: false,
  tagValueProcessor: clean,
  attributeValueProcessor: clean,
});

/** The declaration that opens every feed document. */
export const XML_DECLARATION = { '@_version': '1.0', '@_encoding': 'utf-8' } as const;

/**
 * Serialises an XML document (or fragment) given as an object: `@_name` keys
 * are attributes, `#text` an element's text beside attributes, an array
 * repeats an element, `undefined` leaves it out.
 * @example
 * serializeXml({ '?xml': XML_DECLARATION, title: { '@_type': 'text', '#text': 'A & B' } })
 * // '<?xml version="1.0" encoding="utf-8"?><title type="text">A &amp; B</title>'
 */
export function serializeXml(document: object): string {
  return builder.build(document);
}
