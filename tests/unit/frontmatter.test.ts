/**
 * The front matter ends only at a line that is exactly `---` (SPEC.md): a
 * `---` anywhere else is YAML or body text, and the updates after it are kept.
 */
import { describe, expect, test } from 'vitest';
import { parseFrontMatter } from '../../src/lib/frontmatter.ts';

/** The parsed front matter, or the problem as one line. */
function read(text: string): unknown {
  const parsed = parseFrontMatter(text);
  return parsed.ok ? { data: parsed.data, body: parsed.body } : `${parsed.field}: ${parsed.message}`;
}

describe('a --- that does not end the front matter', () => {
  test.each([
    {
      name: 'a Markdown rule in a block-scalar update message',
      text: [
        '---',
        'title: 화재',
        'updates:',
        '  - at: 2022-10-15T15:50',
        '    message: |',
        '      서비스가 원활하지 않습니다.',
        '      ---',
        '      긴급 점검 중입니다.',
        '  - at: 2022-10-20T23:00',
        '    status: resolved',
        '---',
        '본문',
      ].join('\n'),
      data: {
        title: '화재',
        updates: [
          { at: '2022-10-15T15:50', message: '서비스가 원활하지 않습니다.\n---\n긴급 점검 중입니다.\n' },
          { at: '2022-10-20T23:00', status: 'resolved' },
        ],
      },
    },
    {
      name: 'a value that ends in ---',
      text: '---\ntitle: 장애 ---\nimpact: major\n---\n본문',
      data: { title: '장애 ---', impact: 'major' },
    },
    {
      name: 'a # --- comment',
      text: '---\ntitle: 장애\n# ---\nimpact: major\n---\n본문',
      data: { title: '장애', impact: 'major' },
    },
    {
      name: 'an indented ---',
      text: '---\ntitle: >\n  장애\n  ---\nimpact: major\n---\n본문',
      data: { title: '장애 ---\n', impact: 'major' },
    },
  ])('$name', ({ text, data }) => {
    expect(read(text)).toEqual({ data, body: '본문' });
  });

  test('a --- flush left inside an indented message is a problem, not a shorter message and a body', () => {
    const text = [
      '---',
      'updates:',
      '  - at: 2024-06-01T10:05',
      '    message: |',
      '      첫 줄',
      '---',
      '      둘째 줄',
      '---',
    ].join('\n');
    expect(read(text)).toMatch(
      /^front matter: ends at line 6 \("---"\), but the line after it, "둘째 줄", is indented/,
    );
  });

  test('a body that starts indented after a flush-left value is still a body', () => {
    expect(read('---\ntitle: 장애\n---\n    코드')).toEqual({ data: { title: '장애' }, body: '코드' });
  });

  test('---- (four dashes) at the start of a line is YAML, and wrong YAML is a problem, not body text', () => {
    expect(read('---\ntitle: |\n  a\n----\n---\n본문')).toMatch(/^front matter: invalid YAML at line \d+: /);
  });
});

describe('the lines that end it', () => {
  test.each([
    ['LF', '---\ntitle: 장애\n---\n본문\n'],
    ['CRLF', '---\r\ntitle: 장애\r\n---\r\n본문\r\n'],
    ['CR', '---\rtitle: 장애\r---\r본문\r'],
    ['trailing spaces and tabs on the fences', '--- \t\ntitle: 장애\n---  \n본문'],
    ['a byte-order mark', '\uFEFF---\ntitle: 장애\n---\n본문'],
    ['no line after the closing fence', '---\ntitle: 장애\n---'],
  ])('%s', (_, text) => {
    const parsed = read(text);
    expect(parsed).toMatchObject({ data: { title: '장애' } });
    expect((parsed as { body: string }).body).toMatch(/^(본문)?$/);
  });

  test('a CRLF body keeps no carriage return', () => {
    expect(read('---\r\ntitle: 장애\r\n---\r\n첫 줄\r\n둘째 줄\r\n')).toEqual({
      data: { title: '장애' },
      body: '첫 줄\n둘째 줄',
    });
  });

  test('a block scalar in a CRLF file keeps no carriage return', () => {
    expect(read('---\r\nmessage: |\r\n  a\r\n  b\r\n---\r\n')).toEqual({ data: { message: 'a\nb\n' }, body: '' });
  });

  test.each([
    ['no opening fence', 'title: 장애\n---\n', 'front matter: missing; start the file with a line "---"'],
    ['an opening fence with text after it', '--- title: 장애\n---\n', 'front matter: missing'],
    [
      'no closing fence',
      '---\ntitle: 장애\n',
      'front matter: not closed; end the fields with a line that is exactly "---"',
    ],
    ['a closing fence with text after it', '---\ntitle: 장애\n--- 끝\n', 'front matter: not closed'],
  ])('%s is a problem', (_, text, start) => {
    expect(read(text)).toMatch(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe('YAML aliases', () => {
  test('an alias of a single value is allowed', () => {
    expect(read('---\ntitle: &t 장애\nsummary: *t\n---\n')).toEqual({
      data: { title: '장애', summary: '장애' },
      body: '',
    });
  });

  test('a billion-laughs document is refused at the first repeated list, without expanding it', () => {
    const levels = 'abcdefghij'.split('');
    const lines = levels.map((name, i) =>
      i === 0
        ? `${name}: &${name} [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]`
        : `${name}: &${name} [${Array(10)
            .fill(`*${levels[i - 1] ?? ''}`)
            .join(', ')}]`,
    );
    expect(read(`---\n${lines.join('\n')}\ntitle: *j\n---\n`)).toBe(
      'b[0]: repeats a list or map with a YAML alias (*name); aliases are not allowed here, write the value out',
    );
  });
});

describe('control characters', () => {
  test.each([
    [
      'pasted raw into a value',
      '---\nname:\n  ko: 멜론\b\n---\n',
      'front matter: line 3, character 9: contains the control character U+0008; remove it (only tabs and line breaks are allowed)',
    ],
    [
      'pasted raw inside quotes',
      '---\nname: "멜론\u001b"\n---\n',
      'front matter: line 2, character 10: contains the control character U+001B; remove it (only tabs and line breaks are allowed)',
    ],
    [
      'written as a YAML escape',
      '---\nname:\n  ko: "멜론\\b"\n---\n',
      'name.ko: contains the control character U+0008 at character 3; remove it (only tabs and line breaks are allowed)',
    ],
    [
      'in a key',
      '---\n"na\\u0000me": x\n---\n',
      'na\u0000me: (the key) contains the control character U+0000 at character 3; remove it (only tabs and line breaks are allowed)',
    ],
    [
      'in the body',
      '---\nname: x\n---\n본문\u0007',
      '(body): contains the control character U+0007 at character 3; remove it (only tabs and line breaks are allowed)',
    ],
    [
      'a lone surrogate, written as a YAML escape',
      '---\nname:\n  ko: "😀멜론\\ud800"\n---\n',
      'name.ko: contains the control character U+D800 at character 4; remove it (only tabs and line breaks are allowed)',
    ],
    [
      'after an emoji, counted as one character',
      '---\nname: x\n---\n😀본문\u0007',
      '(body): contains the control character U+0007 at character 4; remove it (only tabs and line breaks are allowed)',
    ],
    [
      'deep in a list, with its whole path',
      '---\nupdates:\n  - at: x\n  - at: y\n    message:\n      en: "a\\u0001"\n---\n',
      'updates[1].message.en: contains the control character U+0001 at character 2; remove it (only tabs and line breaks are allowed)',
    ],
  ])('%s', (_, text, expected) => {
    expect(read(text)).toBe(expected);
  });

  test('emoji and other characters beyond U+FFFF are fine', () => {
    expect(read('---\nname: "장애 😀"\n---\n𝄞 본문')).toEqual({ data: { name: '장애 😀' }, body: '𝄞 본문' });
  });

  test('tabs and line breaks are fine', () => {
    expect(read('---\nname: "a\\tb"\nmessage: |\n  a\n  b\n---\n본문\t끝')).toEqual({
      data: { name: 'a\tb', message: 'a\nb\n' },
      body: '본문\t끝',
    });
  });
});
