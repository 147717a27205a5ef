/**
 * Markdown to safe HTML, for everything an author writes: notes, update
 * messages and incident bodies, on pages and in feeds.
 *
 * marked renders; sanitize-html then keeps an allowlist of tags, attributes
 * and URL schemes. Tags that are not allowed are *escaped*, not dropped (the
 * reader sees `<script>` as text), attributes that are not allowed are
 * removed, and images become links. Nothing can run script: no `<script>`, no
 * `on*` attributes, no `javascript:` links, on the page or in a feed reader.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { LOCALES } from './i18n/locales.ts';
import { MARKED_OPTIONS } from './markdown-check.ts';

// What marked cannot render safely is refused with the content (./markdown-check.ts).
export { checkMarkdown, MAX_EMPHASIS_RUN, MAX_MARKDOWN_DEPTH, MAX_MARKDOWN_NESTING } from './markdown-check.ts';

const marked = new Marked({
  ...MARKED_OPTIONS,
  renderer: {
    // sanitize-html drops comments, CDATA and processing instructions whole, and
    // with them everything an author wrote between `<!--` and `-->`, even across
    // lines. Escaped here, they stay on the page as the text that was written.
    html({ text }) {
      return /^\s*<[!?](?!doctype)/i.test(text) ? escapeHtml(text) : text;
    },
  },
});

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const BLOCK_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'pre',
    'code',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'del',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'details',
    'summary',
    'kbd',
    'sup',
    'sub',
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    // A quote in another language: <span lang="ko">요청하신 작업을 수행하지 못했습니다</span> (a site locale only: transformTags).
    span: ['lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    // Headings inside a post sit under the page's own h1/h2.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    // Images become links: an image host would be a third-party request, and
    // during an outage it may be down too. The reader keeps the alt text and URL.
    // Relative sources would resolve against the status page, so only absolute
    // http(s) ones become links; otherwise the alt text stays, as text.
    img: (_tag, attribs) => {
      const src = attribs.src ?? '';
      const text = attribs.alt === undefined || attribs.alt === '' ? src : attribs.alt;
      return /^https?:\/\//i.test(src)
        ? { tagName: 'a', attribs: { href: src }, text }
        : { tagName: 'span', attribs: {}, text };
    },
    span: (_tag, attribs) => ({
      tagName: 'span',
      attribs: (LOCALES as readonly string[]).includes(attribs.lang ?? '') ? { lang: attribs.lang ?? '' } : {},
    }),
  },
};

const INLINE_OPTIONS: sanitizeHtml.IOptions = {
  ...BLOCK_OPTIONS,
  allowedTags: ['strong', 'em', 'del', 'code', 'a', 'br', 'kbd', 'span'],
};

/**
 * Renders Markdown blocks (paragraphs, lists, tables) to sanitised HTML.
 * @example renderMarkdown('**복구** <script>x</script>') // '<p><strong>복구</strong> &lt;script&gt;x&lt;/script&gt;</p>'
 */
export function renderMarkdown(markdown: string): string {
  // The same text is rendered on several pages and in both locales' feeds.
  let html = rendered.get(markdown);
  if (html === undefined) {
    html = sanitizeHtml(parseBlocks(markdown), BLOCK_OPTIONS).trim();
    rendered.set(markdown, html);
  }
  return html;
}

const rendered = new Map<string, string>();

/**
 * marked's HTML of `markdown`, before sanitising. The text parsed last is
 * kept: an incident page renders its body, then takes the body's plain text
 * for its description, and the second parse of the same text is saved.
 */
function parseBlocks(markdown: string): string {
  if (lastParsed?.markdown !== markdown) lastParsed = { markdown, html: marked.parse(markdown) as string };
  return lastParsed.html;
}

let lastParsed: { markdown: string; html: string } | undefined;

/** Renders one line of Markdown (a note) without a wrapping paragraph. */
export function renderInlineMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parseInline(markdown) as string, INLINE_OPTIONS).trim();
}

/** The plain text of Markdown, for titles and descriptions that cannot hold HTML. */
export function toPlainText(markdown: string): string {
  // An incident's body is the description of its page in every locale.
  let text = plainTexts.get(markdown);
  if (text === undefined) {
    text = sanitizeHtml(parseBlocks(markdown), PLAIN_OPTIONS)
      .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    plainTexts.set(markdown, text);
  }
  return text;
}

const plainTexts = new Map<string, string>();

// No tags at all: their text stays, the content of script, style, textarea and option goes.
const PLAIN_OPTIONS: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {} };

// The only entities sanitize-html writes when it escapes text.
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
