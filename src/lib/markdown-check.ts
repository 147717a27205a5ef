/**
 * Whether marked can render a text safely: the Markdown check of the content
 * rules (src/lib/validate.ts), apart from the renderer in ./markdown.ts.
 *
 * Apart because the check runs without rendering (`npm run status -- check`,
 * the content guard): this module loads marked only, not sanitize-html and
 * the HTML and CSS parsers it brings (78 modules, some 80 ms of start-up),
 * which only the renderer needs.
 */
import { Marked, type MarkedOptions } from 'marked';

/**
 * The options marked reads Markdown with, for rendering and checking alike,
 * so that the check sees exactly the tokens the render will get.
 */
export const MARKED_OPTIONS = { gfm: true, async: false } as const satisfies MarkedOptions;

// Lexing only: the renderer's options (./markdown.ts) do not change the tokens.
const lexer = new Marked(MARKED_OPTIONS);

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
 * What every element that can hold elements holding others starts with: a
 * quote (`>`), a list item (`-`, `+`, `*`, `1.`, `1)`), emphasis (`*`, `_`),
 * strikethrough (`~`) or the text of a link or image (`[`). Text without any
 * of them nests at most 4 deep in marked's tokens: a paragraph, heading or
 * table (and its cell) holds text, code, line breaks, HTML tags and bare
 * links, and those hold plain text at most. Far below {@link MAX_MARKDOWN_DEPTH}.
 */
export const NESTING_SYNTAX = /[>\-+*_~[]|\d[.)]/;

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
  // The answer depends on the text alone, and the same short texts come back
  // in file after file ("정상화되었습니다.", a service's note in every update
  // that lists it), each costing a tokenizer run (about 10 µs) again.
  if (checked.has(markdown)) return checked.get(markdown);
  const why = findMarkdownProblem(markdown);
  checked.set(markdown, why);
  return why;
}

const checked = new Map<string, string | undefined>();

function findMarkdownProblem(markdown: string): string | undefined {
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
  // Tokenizing is the slow part of the check, and most text is prose that
  // cannot nest (tests/unit/markdown.test.ts holds marked to that).
  if (!NESTING_SYNTAX.test(markdown)) return undefined;
  let depth: number;
  try {
    // marked's tokens, list items and table cells all keep their children in these fields.
    depth = getTokenDepth(lexer.lexer(markdown) as unknown as TokenLike[]);
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
