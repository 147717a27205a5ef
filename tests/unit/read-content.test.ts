/**
 * readContentFolder / readAndParseContent on real folders: every entry of the
 * content folder is read or named as a problem, once (SPEC.md: bad content
 * never produces a page). What an operator's disk holds: files in the wrong
 * place, litter from Finder, Explorer and editors, files saved in the wrong
 * encoding or far too large, symbolic links (followed, wherever they point).
 */
import type * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { readAndParseContent, readContentFolder } from '../../src/data/read-content.ts';
import { formatProblem } from '../../src/lib/problems.ts';

// Which files the reader opened: a file over the size limit must not be.
const opened = vi.hoisted(() => ({ paths: [] as string[] }));
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof fs>();
  const readFileSync = ((...args: Parameters<typeof original.readFileSync>) => {
    opened.paths.push(String(args[0]));
    return original.readFileSync(...args);
  }) as typeof original.readFileSync;
  return { ...original, readFileSync, default: { ...original, readFileSync } };
});

/** The documented limit (README, SPEC): a content file larger than this is not read. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** "제목: 카카오톡 장애" saved as CP949/EUC-KR (`iconv -f utf-8 -t cp949`), what Windows Notepad in Korean wrote for years. */
const CP949_TITLE = Buffer.from([
  0xc1, 0xa6, 0xb8, 0xf1, 0x3a, 0x20, 0xc4, 0xab, 0xc4, 0xab, 0xbf, 0xc0, 0xc5, 0xe5, 0x20, 0xc0, 0xe5, 0xbe, 0xd6,
]);

const SITE = 'title: 카카오 서비스 상태\n';
const service = (name: string) => `---\nname: ${name}\nfeatures:\n  - id: messages\n    name: 메시지\n---\n`;
const incident = (title: string, serviceId = 'kakaotalk') =>
  [
    '---',
    `title: ${title}`,
    'started: 2022-10-15T15:30',
    'affected:',
    `  - service: ${serviceId}`,
    '    status: major_outage',
    '    features:',
    '      messages: major_outage',
    '---',
    '본문',
    '',
  ].join('\n');

/** A valid minimal folder: site.yaml, services/kakaotalk.md, incidents/2022/x.md. */
const MINIMAL: Record<string, string | Buffer> = {
  'site.yaml': SITE,
  'services/kakaotalk.md': service('카카오톡'),
  'incidents/2022/x.md': incident('판교 데이터센터 화재'),
};

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  opened.paths.length = 0;
});

/** A content folder on disk: `files` (path → text or bytes), then `setup` for links and the like. */
function createFolder(files: Record<string, string | Buffer>, setup?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'read-content-'));
  folders.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  setup?.(dir);
  return dir;
}

/** Every problem of a folder as the build prints it: reading, then parsing. */
function problemLines(dir: string): string[] {
  const result = readAndParseContent(dir);
  return result.ok ? [] : result.problems.map(formatProblem);
}

function readPaths(dir: string): string[] {
  return readContentFolder(dir)
    .files.map((f) => f.path)
    .sort();
}

/** A symbolic link at `path` (inside `dir`) to `target` (as written in the link). */
function link(dir: string, path: string, target: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  symlinkSync(target, join(dir, path));
}

describe('a valid minimal folder', () => {
  test('reads site.yaml, the service and the incident in a sub-folder, with no problem', () => {
    const dir = createFolder(MINIMAL);
    const folder = readContentFolder(dir);
    expect(folder.problems).toEqual([]);
    expect(folder.files.map((f) => f.path).sort()).toEqual([
      'incidents/2022/x.md',
      'services/kakaotalk.md',
      'site.yaml',
    ]);
    const result = readAndParseContent(dir);
    expect(result.ok ? result.model.incidents.map((i) => [i.slug, i.file]) : result.problems).toEqual([
      ['x', 'incidents/2022/x.md'],
    ]);
  });
});

describe('stray entries are named once, with what was meant', () => {
  const UNKNOWN_FILE = 'unknown file; the content folder holds only site.yaml, services/ and incidents/';
  test.each<{ name: string; files: Record<string, string>; setup?: (dir: string) => void; lines: string[] }>([
    {
      name: 'an incident file in the root',
      files: { '2024-05-13-kakaotalk-message-delay.md': incident('메시지 지연') },
      lines: [
        `2024-05-13-kakaotalk-message-delay.md: (file): ${UNKNOWN_FILE}; incidents go in incidents/, services in services/`,
      ],
    },
    {
      name: 'a misspelt incident/ folder with several files, in sub-folders too: one problem for the folder',
      files: {
        'incident/a.md': incident('가'),
        'incident/b.md': incident('나'),
        'incident/2024/c.md': incident('다'),
        'incident/notes.txt': '메모',
      },
      lines: [
        'incident/: (folder): unknown folder; the content folder holds only site.yaml, services/ and incidents/ (did you mean "incidents"?)',
      ],
    },
    {
      name: 'an incident saved as .markdown',
      files: { 'incidents/2022/y.markdown': incident('와이') },
      lines: [
        'incidents/2022/y.markdown: (file): not a Markdown file; incidents are incidents/**/<slug>.md (rename it to y.md)',
      ],
    },
    {
      name: 'an incident saved as .md.txt by Notepad',
      files: { 'incidents/z.md.txt': incident('제트') },
      lines: [
        'incidents/z.md.txt: (file): not a Markdown file; incidents are incidents/**/<slug>.md (rename it to z.md)',
      ],
    },
    {
      name: 'site.yml next to site.yaml',
      files: { 'site.yml': SITE },
      lines: [`site.yml: (file): ${UNKNOWN_FILE} (did you mean "site.yaml"?)`],
    },
    {
      name: 'a sub-folder inside services/, with a service in it',
      files: { 'services/old/kakaobank.md': service('카카오뱅크') },
      lines: ['services/old/: (folder): a folder inside services/; services are services/<id>.md, without sub-folders'],
    },
    {
      name: 'a service saved as .txt',
      files: { 'services/kakaobank.txt': service('카카오뱅크') },
      lines: ['services/kakaobank.txt: (file): not a service file; services are services/<id>.md'],
    },
  ])('$name', ({ files, lines }) => {
    const dir = createFolder({ ...MINIMAL, ...files });
    expect(problemLines(dir)).toEqual(lines);
    // Nothing from a stray entry is read, so nothing else is reported about it.
    expect(readPaths(dir)).toEqual(['incidents/2022/x.md', 'services/kakaotalk.md', 'site.yaml']);
  });

  test('site.yml instead of site.yaml: the file, then the missing site.yaml', () => {
    const { 'site.yaml': site, ...rest } = MINIMAL;
    const dir = createFolder({ ...rest, 'site.yml': site ?? '' });
    expect(problemLines(dir)).toEqual([
      `site.yml: (file): ${UNKNOWN_FILE} (did you mean "site.yaml"?)`,
      'site.yaml: (file): missing; create site.yaml with at least a title',
    ]);
  });
});

describe('litter from the operating system and editors is ignored, anywhere', () => {
  const LITTER = ['.DS_Store', 'Thumbs.db', 'desktop.ini', 'x.md~', '.x.md.swp'];
  test.each(['', 'services/', 'incidents/', 'incidents/2022/'])('in %j', (where) => {
    const files: Record<string, string | Buffer> = { ...MINIMAL };
    for (const name of LITTER) files[`${where}${name}`] = Buffer.from([0x00, 0x05, 0x16, 0x07, 0xff, 0xfe]);
    files[`${where}.git/HEAD`] = 'ref: refs/heads/main\n';
    files[`${where}.git/objects/ab/cdef0123`] = Buffer.from([0x78, 0x9c, 0xff]);
    files[`${where}.git/info/exclude.md`] = '# not content\n';
    const dir = createFolder(files, (d) => {
      // Emacs' lock file: a dangling link named .#<file>.
      link(d, `${where}.#x.md`, 'root@host.12345:1700000000');
    });
    expect(problemLines(dir)).toEqual([]);
    expect(readPaths(dir)).toEqual(['incidents/2022/x.md', 'services/kakaotalk.md', 'site.yaml']);
  });
});

describe('encoding', () => {
  test('a file saved as CP949/EUC-KR is refused with what to do, and not read as mojibake', () => {
    const dir = createFolder({
      ...MINIMAL,
      'incidents/2022/cp949.md': Buffer.concat([Buffer.from('---\n'), CP949_TITLE, Buffer.from('\n---\n')]),
    });
    expect(problemLines(dir)).toEqual([
      'incidents/2022/cp949.md: (file): not UTF-8; save it as UTF-8 (it may be CP949/EUC-KR: in your editor, "Save with encoding" → UTF-8)',
    ]);
  });

  test('just the CP949 bytes of "제목: 카카오톡 장애", anywhere in a file: the same line', () => {
    const dir = createFolder({ ...MINIMAL, 'incidents/2022/cp949.md': CP949_TITLE });
    expect(problemLines(dir)).toEqual([
      'incidents/2022/cp949.md: (file): not UTF-8; save it as UTF-8 (it may be CP949/EUC-KR: in your editor, "Save with encoding" → UTF-8)',
    ]);
  });

  test('a file saved as UTF-16 LE with a byte-order mark says UTF-16', () => {
    const text = incident('판교 데이터센터 화재');
    const dir = createFolder({
      ...MINIMAL,
      'incidents/2022/utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    });
    expect(problemLines(dir)).toEqual([
      'incidents/2022/utf16.md: (file): not UTF-8; save it as UTF-8 (it looks like UTF-16)',
    ]);
  });

  test('UTF-8 files with a byte-order mark read fine, without the mark', () => {
    const bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const dir = createFolder({
      'site.yaml': bom(SITE),
      'services/kakaotalk.md': bom(service('카카오톡')),
      'incidents/2022/x.md': bom(incident('판교 데이터센터 화재')),
    });
    const result = readAndParseContent(dir);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    if (!result.ok) return;
    expect(result.model.site.title).toBe('카카오 서비스 상태');
    expect(result.model.services.map((s) => s.name)).toEqual(['카카오톡']);
    expect(result.model.incidents.map((i) => i.title)).toEqual(['판교 데이터센터 화재']);
  });
});

describe('size', () => {
  test('a file over 2 MiB is refused without being read; its size and the limit are named', () => {
    const dir = createFolder(MINIMAL, (d) => {
      // Sparse: the reader must refuse it by its size, whatever it holds.
      writeFileSync(join(d, 'incidents/2022/huge.md'), '');
      truncateSync(join(d, 'incidents/2022/huge.md'), MAX_FILE_BYTES + 1);
    });
    expect(problemLines(dir)).toEqual([
      'incidents/2022/huge.md: (file): is 2,097,153 bytes; a content file may be at most 2,097,152 bytes (2 MiB)',
    ]);
    expect(opened.paths.filter((p) => p.endsWith('huge.md'))).toEqual([]);
    // The other files were read.
    expect(opened.paths.filter((p) => p.endsWith('x.md'))).not.toEqual([]);
  });

  test('a file of exactly 2 MiB is read (and its body, over the body limit, is then reported)', () => {
    const head = Buffer.from(incident('긴 글').replace(/본문\n$/, ''));
    const file = Buffer.concat([head, Buffer.alloc(MAX_FILE_BYTES - head.length, 'a')]);
    expect(file.length).toBe(MAX_FILE_BYTES);
    const dir = createFolder({ ...MINIMAL, 'incidents/2022/long.md': file });
    const read = readContentFolder(dir).files.find((f) => f.path === 'incidents/2022/long.md');
    expect(read && 'text' in read ? Buffer.byteLength(read.text) : read).toBe(MAX_FILE_BYTES);
    expect(problemLines(dir)).toEqual([
      `incidents/2022/long.md: (body): is ${(MAX_FILE_BYTES - head.length).toLocaleString('en-US')} bytes; a body may be at most 1,048,576 bytes (1 MiB) (link to a longer report instead)`,
    ]);
  });
});

describe('symbolic links are followed, to files and folders, wherever they point', () => {
  test('a linked incident file outside the folder is read, under the link name', () => {
    const elsewhere = createFolder({ 'drafts/fire.md': incident('링크된 장애') });
    const dir = createFolder(MINIMAL, (d) => {
      link(d, 'incidents/2022/linked.md', join(elsewhere, 'drafts/fire.md'));
    });
    const result = readAndParseContent(dir);
    expect(result.ok ? result.model.incidents.map((i) => [i.file, i.title]).sort() : result.problems).toEqual([
      ['incidents/2022/linked.md', '링크된 장애'],
      ['incidents/2022/x.md', '판교 데이터센터 화재'],
    ]);
  });

  test('a linked incidents sub-folder is read, with its sub-folders', () => {
    const archive = createFolder({ 'y.md': incident('보관된 장애'), 'q1/z.md': incident('1분기 장애') });
    const dir = createFolder(MINIMAL, (d) => {
      link(d, 'incidents/2023', archive);
    });
    expect(problemLines(dir)).toEqual([]);
    expect(readPaths(dir)).toEqual([
      'incidents/2022/x.md',
      'incidents/2023/q1/z.md',
      'incidents/2023/y.md',
      'services/kakaotalk.md',
      'site.yaml',
    ]);
  });

  test('a linked services folder and site.yaml are read', () => {
    const shared = createFolder({ 'site.yaml': SITE, 'services/kakaotalk.md': service('카카오톡') });
    const dir = createFolder({ 'incidents/2022/x.md': MINIMAL['incidents/2022/x.md'] ?? '' }, (d) => {
      link(d, 'site.yaml', join(shared, 'site.yaml'));
      link(d, 'services', join(shared, 'services'));
    });
    expect(problemLines(dir)).toEqual([]);
    expect(readPaths(dir)).toEqual(['incidents/2022/x.md', 'services/kakaotalk.md', 'site.yaml']);
  });

  test.each<{ name: string; setup: (dir: string) => void; lines: string[] }>([
    {
      name: 'a dangling link',
      setup: (d) => {
        link(d, 'incidents/2022/gone.md', '../../drafts/gone.md');
      },
      lines: [
        'incidents/2022/gone.md: (file): a symbolic link to something that does not exist; fix or remove the link',
      ],
    },
    {
      name: 'a link to itself',
      setup: (d) => {
        link(d, 'incidents/2022/self.md', 'self.md');
      },
      lines: [
        'incidents/2022/self.md: (file): a symbolic link that points to itself, directly or through other links; remove it',
      ],
    },
    {
      name: 'two links to each other',
      setup: (d) => {
        link(d, 'incidents/ping.md', 'pong.md');
        link(d, 'incidents/pong.md', 'ping.md');
      },
      lines: [
        'incidents/ping.md: (file): a symbolic link that points to itself, directly or through other links; remove it',
        'incidents/pong.md: (file): a symbolic link that points to itself, directly or through other links; remove it',
      ],
    },
    {
      name: 'a folder loop (incidents/a/loop -> ..): one problem, not one per lap',
      setup: (d) => {
        mkdirSync(join(d, 'incidents/a'));
        link(d, 'incidents/a/loop', '..');
      },
      lines: [
        'incidents/a/loop/: (folder): a symbolic link back to incidents/, which contains it (a loop); remove the link',
      ],
    },
    {
      name: 'a link back to the content folder itself',
      setup: (d) => {
        link(d, 'incidents/2022/root', '../..');
      },
      lines: [
        'incidents/2022/root/: (folder): a symbolic link back to the content folder, which contains it (a loop); remove the link',
      ],
    },
    {
      name: 'the same folder reached twice through a link',
      setup: (d) => {
        link(d, 'incidents/latest', '2022');
      },
      lines: [
        'incidents/latest/: (folder): is the same folder as incidents/2022/ (through a symbolic link); each folder is read once, so remove one of them',
      ],
    },
  ])('$name', ({ setup, lines }) => {
    const dir = createFolder(MINIMAL, setup);
    expect(problemLines(dir)).toEqual(lines);
  });

  test('a folder loop is not walked: the incident in it is read once', () => {
    const dir = createFolder(MINIMAL, (d) => {
      link(d, 'incidents/2022/again', '.');
    });
    expect(readPaths(dir)).toEqual(['incidents/2022/x.md', 'services/kakaotalk.md', 'site.yaml']);
  });
});

describe('a broken service file is reported once, however many incidents name it', () => {
  test('a CP949 services/kakaotalk.md named by 14 incidents: 2 lines, its own and the count', () => {
    const files: Record<string, string | Buffer> = {
      'site.yaml': SITE,
      'services/kakaotalk.md': Buffer.concat([
        Buffer.from('---\nname: '),
        CP949_TITLE.subarray(6),
        Buffer.from('\n---\n'),
      ]),
      'services/kakaobank.md': service('카카오뱅크'),
    };
    for (let i = 1; i <= 14; i++) files[`incidents/2022/i${String(i).padStart(2, '0')}.md`] = incident(`장애 ${i}`);
    // Incidents that name only the good service are checked as usual.
    files['incidents/2022/bank.md'] = incident('뱅크 장애', 'kakaobank');
    const dir = createFolder(files);
    expect(problemLines(dir)).toEqual([
      'services/kakaotalk.md: (file): not UTF-8; save it as UTF-8 (it may be CP949/EUC-KR: in your editor, "Save with encoding" → UTF-8)',
      'services/kakaotalk.md: (references): 14 incident files refer to service "kakaotalk" (first: incidents/2022/i01.md); they are checked against it once this file is fixed',
    ]);
  });
});
