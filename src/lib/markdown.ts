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

const marked = new Marked({
  gfm: true,
  async: false,
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

/** How deep quotes (`>`) and lists may nest. */
export const MAX_MARKDOWN_NESTING = 32;
/**
 * How deep marked's elements may nest in all: quotes, lists (two levels each:
 * the list and its item), emphasis, links and the text in them. Room for
 * lists {@link MAX_MARKDOWN_NESTING} deep; far below what overflows marked.
 */
export const MAX_MARKDOWN_DEPTH = 80;
/** The longest run of emphasis markers (`*`, `_`, `~`) in a row. */
export const MAX_EMPHASIS_RUN = 64;

const EMPHASIS_RUN = new RegExp(`[*_~]{${MAX_EMPHASIS_RUN + 1},}`);
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const LIST_OR_QUOTE = /^([ \t]*)((?:>[ \t]?)*)(?:[-*+]|\d{1,9}[.)])?(?=[ \t]|$)/;

/**
 * Why marked cannot render `markdown` safely, or `undefined` when it can.
 *
 * marked is recursive: about 2,000 nested quotes (`>>>>…`) or emphasis markers
 * overflow its stack, and deeply indented lists take it minutes and gigabytes
 * (500 levels: 2 s; 2,000: out of memory). So before marked sees the text, a
 * line scan bounds how deep quotes and lists go and how long an emphasis run
 * is; then the text is tokenized, and the token tree's depth is bounded too,
 * so the render later (with less stack to spare) cannot fail either.
 * @example checkMarkdown('>'.repeat(2000) + ' x') // 'quotes and lists are nested 2000 levels deep; at most 32 are allowed'
 */
export function checkMarkdown(markdown: string): string | undefined {
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opening = FENCE_OPEN.exec(line)?.[1];
    if (fence !== undefined) {
      if (opening !== undefined && opening.startsWith(fence.charAt(0)) && opening.length >= fence.length)
        fence = undefined;
      continue;
    }
    if (opening !== undefined) {
      fence = opening;
      continue;
    }
    const [, indent = '', quotes = ''] = LIST_OR_QUOTE.exec(line) ?? [];
    const depth = Math.floor(indent.replaceAll('\t', '    ').length / 2) + (quotes.match(/>/g)?.length ?? 0);
    if (depth > MAX_MARKDOWN_NESTING) {
      return `quotes and lists are nested ${depth} levels deep; at most ${MAX_MARKDOWN_NESTING} are allowed`;
    }
    const run = EMPHASIS_RUN.exec(line);
    if (run) {
      return `has ${run[0].length} emphasis markers (*, _ or ~) in a row; at most ${MAX_EMPHASIS_RUN} are allowed`;
    }
  }
  let depth: number;
  try {
    // marked's tokens, list items and table cells all keep their children in these fields.
    depth = getTokenDepth(marked.lexer(markdown) as unknown as TokenLike[]);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    depth = Number.POSITIVE_INFINITY;
  }
  return depth > MAX_MARKDOWN_DEPTH
    ? `Markdown elements (quotes, lists, emphasis, links) are nested ${Number.isFinite(depth) ? `${depth} levels deep` : 'too deeply to render'}; at most ${MAX_MARKDOWN_DEPTH} are allowed`
    : undefined;
}

interface TokenLike {
  tokens?: TokenLike[];
  items?: TokenLike[];
  header?: TokenLike[];
  rows?: TokenLike[][];
}

/** How deep marked's tokens nest (a paragraph with text: 2). */
function getTokenDepth(tokens: readonly TokenLike[]): number {
  let deepest = 0;
  const stack: [readonly TokenLike[], number][] = [[tokens, 1]];
  // A loop, not recursion: this runs on input that may be nested arbitrarily deep.
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [list, depth] = next;
    for (const token of list) {
      deepest = Math.max(deepest, depth);
      for (const children of [token.tokens, token.items, token.header, ...(token.rows ?? [])]) {
        if (children && children.length > 0) stack.push([children, depth + 1]);
      }
    }
  }
  return deepest;
}

/**
 * Renders Markdown blocks (paragraphs, lists, tables) to sanitised HTML.
 * @example renderMarkdown('**복구** <script>x</script>') // '<p><strong>복구</strong> &lt;script&gt;x&lt;/script&gt;</p>'
 */
export function renderMarkdown(markdown: string): string {
  // The same text is rendered on several pages and in both locales' feeds.
  let html = rendered.get(markdown);
  if (html === undefined) {
    html = sanitizeHtml(marked.parse(markdown) as string, BLOCK_OPTIONS).trim();
    rendered.set(markdown, html);
  }
  return html;
}

const rendered = new Map<string, string>();

/** Renders one line of Markdown (a note) without a wrapping paragraph. */
export function renderInlineMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parseInline(markdown) as string, INLINE_OPTIONS).trim();
}

/** The plain text of Markdown, for titles and descriptions that cannot hold HTML. */
export function toPlainText(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

// The only entities sanitize-html writes when it escapes text.
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
