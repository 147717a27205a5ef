/**
 * Author text is Markdown; nothing an author pastes may run script on the page
 * or in a feed reader (SPEC.md), while ordinary Markdown still renders.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marked, type Token } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { describe, expect, test, vi } from 'vitest';
import { MARKED_OPTIONS, NESTING_SYNTAX } from '../../src/lib/markdown-check.ts';
import { checkMarkdown, renderInlineMarkdown, renderMarkdown, toPlainText } from '../../src/lib/markdown.ts';

/** What must never reach a page, whatever the input. */
const DANGEROUS = [/<script/i, /\son\w+\s*=/i, /javascript:/i, /<iframe/i, /<svg/i, /href="data:/i, /<img/i, /style=/i];

const ATTACKS = [
  ['script tag', '**복구** <script>alert(1)</script>'],
  ['onerror attribute', '<img src=x onerror="alert(1)">'],
  ['onclick on an allowed tag', '<a href="https://kakao.com" onclick="steal()">고객센터</a>'],
  ['javascript: Markdown link', '[눌러 주세요](javascript:alert(1))'],
  ['JAVASCRIPT: in capitals', '[눌러 주세요](JAVASCRIPT:alert(1))'],
  ['javascript: HTML link', '<a href="javascript:alert(1)">눌러 주세요</a>'],
  ['data: link', '[열기](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['iframe', '<iframe src="https://evil.example"></iframe>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['style attribute', '<p style="position:fixed;inset:0">가짜 공지</p>'],
] as const;

describe('nothing an author writes can run script', () => {
  test.each(ATTACKS)('%s: renderMarkdown', (_, markdown) => {
    const html = renderMarkdown(markdown);
    for (const pattern of DANGEROUS) expect(html).not.toMatch(pattern);
  });

  test.each(ATTACKS)('%s: renderInlineMarkdown', (_, markdown) => {
    const html = renderInlineMarkdown(markdown);
    for (const pattern of DANGEROUS) expect(html).not.toMatch(pattern);
  });
});

describe('renderMarkdown', () => {
  test.each([
    // Raw HTML is escaped, so the reader still sees it as text.
    [
      'script tags are escaped',
      '**복구** <script>alert(1)</script>',
      '<p><strong>복구</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>',
    ],
    [
      'onerror attributes are gone; a relative image keeps its name as text',
      '<img src=x onerror="alert(1)">',
      '<span>x</span>',
    ],
    [
      'an absolute image becomes a link with its alt text',
      '![로고](https://cdn.example.com/a.png)',
      '<p><a href="https://cdn.example.com/a.png">로고</a></p>',
    ],
    ['javascript: links lose their href', '[눌러 주세요](javascript:alert(1))', '<p><a>눌러 주세요</a></p>'],
    ['protocol-relative links lose their href', '[링크](//evil.example/x)', '<p><a>링크</a></p>'],
    [
      'on* attributes of allowed tags are gone',
      '<a href="https://kakao.com" onclick="x()">고객센터</a>',
      '<p><a href="https://kakao.com">고객센터</a></p>',
    ],
    ['code keeps its text, escaped', '`<script>`', '<p><code>&lt;script&gt;</code></p>'],
    // Allowed Markdown is kept.
    [
      'bold and emphasis',
      '**텍스트 메시지**는 가능, *사진*은 불가, ~~복구~~',
      '<p><strong>텍스트 메시지</strong>는 가능, <em>사진</em>은 불가, <del>복구</del></p>',
    ],
    [
      'links with a title',
      '[카카오 고객센터](https://cs.kakao.com "고객센터")',
      '<p><a href="https://cs.kakao.com" title="고객센터">카카오 고객센터</a></p>',
    ],
    [
      'mailto and tel links',
      '[메일](mailto:help@kakao.com) [전화](tel:1577-3754)',
      '<p><a href="mailto:help@kakao.com">메일</a> <a href="tel:1577-3754">전화</a></p>',
    ],
    [
      'bullet lists',
      '- 급한 연락은 문자로\n- 공식 SNS 확인',
      '<ul>\n<li>급한 연락은 문자로</li>\n<li>공식 SNS 확인</li>\n</ul>',
    ],
    ['numbered lists', '1. 앱 업데이트\n2. 재설치', '<ol>\n<li>앱 업데이트</li>\n<li>재설치</li>\n</ol>'],
    ['h1 becomes h2', '# 원인', '<h2>원인</h2>'],
    ['h2 and h3 stay', '## 원인\n\n### 조치', '<h2>원인</h2>\n<h3>조치</h3>'],
    ['h5 and h6 become h4', '##### 참고\n\n###### 메모', '<h4>참고</h4>\n<h4>메모</h4>'],
    [
      'details and summary',
      '<details><summary>타임라인</summary>15:30 장애 발생</details>',
      '<details><summary>타임라인</summary>15:30 장애 발생</details>',
    ],
  ])('%s', (_, markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });

  test('tables keep their cells and alignment', () => {
    const html = renderMarkdown('| 서비스 | 상태 |\n|---|:-:|\n| 카카오톡 | 부분 장애 |');
    expect(html).toContain('<table>');
    expect(html).toContain('<th>서비스</th>');
    expect(html).toContain('<th align="center">상태</th>');
    expect(html).toContain('<td>카카오톡</td>');
    expect(html).toContain('<td align="center">부분 장애</td>');
  });

  test('an empty text renders nothing', () => {
    expect(renderMarkdown('')).toBe('');
  });
});

describe('renderInlineMarkdown', () => {
  test.each([
    ['no paragraph around a note', '텍스트 메시지는 **송수신 가능**', '텍스트 메시지는 <strong>송수신 가능</strong>'],
    [
      'links are kept',
      '[공지](https://www.kakaocorp.com/page/news)',
      '<a href="https://www.kakaocorp.com/page/news">공지</a>',
    ],
    ['javascript: links lose their href', '[공지](javascript:alert(1))', '<a>공지</a>'],
    ['script is escaped', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['block HTML is escaped, not rendered', '<details>숨김</details>', '&lt;details&gt;숨김&lt;/details&gt;'],
    ['block Markdown stays text', '# 제목', '# 제목'],
  ])('%s', (_, markdown, html) => {
    expect(renderInlineMarkdown(markdown)).toBe(html);
  });
});

describe('a quote in another language keeps its lang, and only a site locale', () => {
  test.each([
    ['PC shows <span lang="ko">요청하신 작업을</span>', '<span lang="ko">요청하신 작업을</span>'],
    ['<span lang="xx" onclick="alert(1)">a</span>', '<span>a</span>'],
  ])('%s', (input, html) => {
    expect(renderInlineMarkdown(input)).toContain(html);
    expect(renderMarkdown(input)).toContain(html);
  });
});

describe('toPlainText', () => {
  test.each([
    ['formatting is dropped', '**카카오톡** 메시지 *장애*', '카카오톡 메시지 장애'],
    ['lines and lists become one line', '# 원인\n\n- 데이터센터 화재\n- 전원 차단', '원인 데이터센터 화재 전원 차단'],
    ['links keep their text only', '[고객센터](https://cs.kakao.com)', '고객센터'],
    ['escaped characters are plain again', '5 < 6 & "따옴표" \'작은\'', '5 < 6 & "따옴표" \'작은\''],
    ['code text is kept', '`<script>` 태그', '<script> 태그'],
    ['script content is dropped', '복구 <script>alert(1)</script>', '복구'],
    ['an entity is decoded once only', '&amp;lt;', '&lt;'],
  ])('%s', (_, markdown, text) => {
    expect(toPlainText(markdown)).toBe(text);
  });
});

describe('toPlainText remembers, and says the same', () => {
  // What toPlainText computes, without remembering or sharing anything.
  const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const reference = new Marked({
    ...MARKED_OPTIONS,
    renderer: { html: ({ text }) => (/^\s*<[!?](?!doctype)/i.test(text) ? escape(text) : text) },
  });
  const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  const plainText = (markdown: string) =>
    sanitizeHtml(reference.parse(markdown) as string, { allowedTags: [], allowedAttributes: {} })
      .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
      .replace(/\s+/g, ' ')
      .trim();

  // Raw HTML of every kind (sanitize-html drops the text of script, style, textarea and option
  // here, where renderMarkdown escapes it), images, entities, controls, odd whitespace.
  const NASTY = [
    ...['', ' ', '\n', '\t \u00a0\u3000', 'a\r\nb\rc', '\u0000\u0001a\uD800b\uFFFE'],
    ...['<script>alert(1)</script>', '복구 <script>alert(1)</script> 끝', '<ScRiPt>x</sCrIpT>', '<style>p{}</style>x'],
    ...['<textarea>a</textarea>b', '<select><option>o</option></select>s', '<noscript>n</noscript>', '<xmp><b></xmp>'],
    ...[
      '<img src="https://x/a.png" alt="대체">',
      '<img src=x onerror=alert(1)>',
      '![로고](https://cdn.example.com/a.png)',
    ],
    ...[
      '![](relative.png)',
      '<!-- 주석 -->',
      '<!-- 주석\n여러 줄 -->\n\n본문',
      '<![CDATA[ x ]]> y',
      '<?php echo 1; ?> 끝',
    ],
    ...[
      '&amp;lt;',
      '&lt;b&gt;',
      '&#39;&quot;',
      '&nbsp;&copy;&#x41;&#65;',
      '5 < 6 & "따옴표" \'작은\'',
      '<b',
      '<>',
      '< b>',
    ],
    ...[
      '<div>\n블록\n</div>',
      '<details><summary>타임라인</summary>15:30</details>',
      '| a | b |\n|---|:-:|\n| 1 | 2 |',
    ],
    ...[
      '```html\n<script>x</script>\n```',
      '    <b>들여쓰기</b>',
      '<a href="javascript:alert(1)">x</a>',
      '[x](javascript:1)',
    ],
    ...[
      '<span lang="ko">가</span><span lang="xx">x</span>',
      '<p style="x">p</p>',
      '<iframe src="https://e"></iframe>대체',
    ],
    ...['<svg onload=alert(1)>', '<math><mi>x</mi></math>', '<title>t</title>', '<br/><hr>', 'a  \nb', '\\<b>', '</p>'],
    ...[
      '<a><b></a></b>',
      'www.kakao.com a@kakao.com https://x.kakao.com/z?q=<1>',
      '# 제목\n###### h6',
      '> 인용\n>> 이중',
    ],
  ];
  const contentTexts = () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const texts: string[] = [];
    for (const dir of ['content', 'tests/fixtures']) {
      for (const name of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
        if (!/\.(md|ya?ml)$/.test(name)) continue;
        const text = readFileSync(join(root, dir, name), 'utf8');
        const body = /^---\n[\s\S]*?\n---\n?([\s\S]*)$/.exec(text)?.[1];
        texts.push(text, ...(body === undefined ? [] : [body]), ...text.split('\n'));
      }
    }
    return texts;
  };
  let seed = 3;
  const random = () => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
  const PIECES = [...NASTY.filter((n) => n.length < 30), 'a', '가', ' ', '\n', '\n\n', '*', '_', '`', '|', '#', '- '];
  const mixed = Array.from({ length: 400 }, () => {
    let text = '';
    for (let n = 1 + Math.floor(random() * 10); n > 0; n--) text += PIECES[Math.floor(random() * PIECES.length)] ?? '';
    return text;
  });
  const texts = [...new Set([...NASTY, ...contentTexts(), ...mixed])];

  test('the sample content, the fixtures and nasty text: the same text as computed afresh', () => {
    const expected = texts.map(plainText);
    // First call, again from memory, after renderMarkdown of the same text, and after another text's.
    expect(texts.map((text) => toPlainText(text))).toEqual(expected);
    expect(texts.map((text) => toPlainText(text))).toEqual(expected);
    // Right after renderMarkdown of the same text (marked's HTML is shared) ...
    const others = texts.map((text) => `${text}\n\n다른 글`);
    expect(
      others.map((text) => {
        renderMarkdown(text);
        return toPlainText(text);
      }),
    ).toEqual(others.map(plainText));
    // ... and of another text.
    const spaced = texts.map((text) => `${text} `);
    expect(
      spaced.map((text, i) => {
        renderMarkdown(texts[(i + 1) % texts.length] ?? '');
        return toPlainText(text);
      }),
    ).toEqual(spaced.map(plainText));
  });

  test('renderMarkdown is unchanged by a plain text taken first', async () => {
    // Each in a module of its own, so that nothing is remembered from the tests above.
    const load = async () => {
      vi.resetModules();
      return import('../../src/lib/markdown.ts');
    };
    const alone = await load();
    const expected = texts.map((text) => alone.renderMarkdown(text));
    const after = await load();
    expect(texts.map((text) => [after.toPlainText(text), after.renderMarkdown(text)])).toEqual(
      texts.map((text, i) => [plainText(text), expected[i]]),
    );
  });
});

describe('nothing an author writes is silently dropped', () => {
  test.each([
    ['an HTML comment', '가 <!-- 나 --> 다', '<p>가 &lt;!-- 나 --&gt; 다</p>'],
    ['a comment across lines', '<!-- 주석\n여러 줄 -->\n\n본문', '&lt;!-- 주석\n여러 줄 --&gt;<p>본문</p>'],
    ['CDATA', '<![CDATA[ x ]]> y', '&lt;![CDATA[ x ]]&gt; y'],
    ['a processing instruction', '<?php echo 1; ?> 끝', '&lt;?php echo 1; ?&gt; 끝'],
  ])('%s stays as text', (_, markdown, html) => {
    expect(renderMarkdown(markdown)).toBe(html);
  });
});

describe('checkMarkdown: what marked can render safely', () => {
  const nested = (n: number) => `${'**a '.repeat(n)}x${' a**'.repeat(n)}`;
  test.each([
    ['quotes 32 deep (the limit)', `${'>'.repeat(32)} x`, undefined],
    ['quotes 33 deep', `${'>'.repeat(33)} x`, 'quotes and lists are nested 33 levels deep; at most 32 are allowed'],
    ['elements 80 deep (the limit)', nested(78), undefined],
    [
      'elements 81 deep',
      nested(79),
      'Markdown elements (quotes, lists, emphasis, links) are nested 81 levels deep; at most 80 are allowed',
    ],
    ['64 emphasis markers in a row (the limit)', `${'_'.repeat(64)}x`, undefined],
    ['65 in a row', `a${'~'.repeat(65)}x`, 'has 65 emphasis markers (*, _ or ~) in a row; at most 64 are allowed'],
    ['a fenced block is not nesting', `\`\`\`\n${'> '.repeat(100)}\n\`\`\``, undefined],
  ])('%s', (_, markdown, expected) => {
    expect(checkMarkdown(markdown)).toBe(expected);
  });

  test('what it accepts renders without error', () => {
    expect(() => renderMarkdown(nested(78))).not.toThrow();
  });

  test('the same text gets the same answer again', () => {
    expect(checkMarkdown(`${'>'.repeat(33)} x`)).toBe(checkMarkdown(`${'>'.repeat(33)} x`));
    expect(checkMarkdown(nested(79))).toBe(checkMarkdown(nested(79)));
  });
});

describe('text without nesting syntax, which checkMarkdown does not tokenize', () => {
  const lexer = new Marked(MARKED_OPTIONS);
  const depthOf = (tokens: readonly Token[]): number =>
    Math.max(
      0,
      ...tokens.map((token) => {
        const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: Token[]; rows?: Token[][] };
        return 1 + Math.max(0, ...[t.tokens, t.items, t.header, ...(t.rows ?? [])].map((c) => depthOf(c ?? [])));
      }),
    );
  // Every other piece of Markdown: headings, tables, code, HTML, bare links, escapes, entities.
  const PIECES = [
    ...['a', '가', '1', '.', ')', '(', ':', '/', '?', '!', '@', ';', '&', '"', "'"],
    ...[' ', '  ', '    ', '\t', '\n', '\n\n'],
    ...['#', '## ', '|', '| a |', '=', '==', '`', '```', '\\', '<', '</', '<b>', '<div>', '<!--', ']', '{', '}'],
    ...['www.kakao.com', 'https://status.kakao.com/a?b', 'ftp://x', 'a@kakao.com', '<https://kakao.com>'],
    ...['&amp;', '&#42;'],
  ];

  test('marked nests it at most 4 deep (a table, its cell, a bare link in it, its text)', () => {
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
    let deepest = 0;
    let tried = 0;
    while (tried < 3000) {
      let text = '';
      for (let n = 1 + Math.floor(random() * 40); n > 0; n--)
        text += PIECES[Math.floor(random() * PIECES.length)] ?? '';
      if (NESTING_SYNTAX.test(text)) continue;
      tried += 1;
      deepest = Math.max(deepest, depthOf(lexer.lexer(text)));
    }
    expect(deepest).toBeLessThanOrEqual(4);
  });

  test.each(['> a', '- a', '+ a', '* a', '1. a', '1) a', '*a*', '_a_', '~~a~~', '[a](b)', '![a](b)', 'a\n---'])(
    '%j has it',
    (text) => {
      expect(NESTING_SYNTAX.test(text)).toBe(true);
    },
  );
});
