/**
 * parseContent: the content folder is the operator's API, and a problem in it
 * must stop the build with one line per problem that names the file, the
 * field, what is wrong and what is allowed (SPEC.md, "Consistency rules").
 */
import { describe, expect, test } from 'vitest';
import { ContentError, formatProblem } from '../../src/lib/problems.ts';
import { getAllowedStates, parseContent, type ContentFile } from '../../src/lib/validate.ts';
import {
  buildModel,
  contentWith,
  defaultFiles,
  incidentFields,
  incidentFile,
  KAKAOBANK,
  KAKAOTALK,
  kst,
  maintenanceFields,
  markdownFile,
  problemLines,
  serviceFile,
  siteYaml,
  type Fields,
} from './builders.ts';

/** The default folder plus one incident file `incidents/bad.md`. */
function withIncident(fields: Fields): ContentFile[] {
  return contentWith(incidentFile('bad', fields));
}

const message = (at: string, status = 'identified') => ({ at, status, message: '복구 중입니다.' });

interface BrokenCase {
  name: string;
  files: ContentFile[];
  /** `<file>: <field>` of the one problem expected. */
  where: string;
  /** What the message must say: the allowed values, the suggestion, the other file ... */
  mentions: string[];
}

/** Content folders with exactly one problem each. */
const BROKEN: BrokenCase[] = [
  // References between files
  {
    name: 'unknown service, with a suggestion',
    files: withIncident(incidentFields({ affected: [{ service: 'kakatalk', status: 'major_outage' }] })),
    where: 'incidents/bad.md: affected[0].service',
    mentions: ['"kakatalk"', 'kakaobank, kakaotalk', '(did you mean "kakaotalk"?)'],
  },
  {
    name: 'unknown service in an update, without a near miss',
    files: withIncident(
      incidentFields({
        updates: [{ ...message('2022-10-15T16:00'), affected: [{ service: 'daum-mail', status: 'major_outage' }] }],
      }),
    ),
    where: 'incidents/bad.md: updates[0].affected[0].service',
    mentions: ['"daum-mail"', 'kakaobank, kakaotalk'],
  },
  {
    name: 'unknown feature, with a suggestion',
    files: withIncident(
      incidentFields({
        affected: [{ service: 'kakaotalk', status: 'partial_outage', features: { medias: 'major_outage' } }],
      }),
    ),
    where: 'incidents/bad.md: affected[0].features.medias',
    mentions: ['"medias"', 'messages, media, pc-login', '(did you mean "media"?)'],
  },
  {
    name: 'feature of a service that has none',
    files: [
      ...withIncident(
        incidentFields({
          affected: [{ service: 'kakao-t', status: 'partial_outage', features: { taxi: 'major_outage' } }],
        }),
      ),
      serviceFile('kakao-t', { name: '카카오 T' }),
    ],
    where: 'incidents/bad.md: affected[0].features.taxi',
    mentions: ['"taxi"', 'has no features', 'services/kakao-t.md'],
  },
  {
    name: 'service listed twice',
    files: withIncident(
      incidentFields({
        affected: [
          { service: 'kakaotalk', status: 'major_outage' },
          { service: 'kakaotalk', status: 'partial_outage' },
        ],
      }),
    ),
    where: 'incidents/bad.md: affected[1].service',
    mentions: ['listed twice'],
  },

  // Vocabularies
  {
    name: 'component status outside the vocabulary',
    files: withIncident(incidentFields({ affected: [{ service: 'kakaotalk', status: 'partial' }] })),
    where: 'incidents/bad.md: affected[0].status',
    mentions: [
      '"partial"',
      'operational, under_maintenance, degraded_performance, partial_outage, major_outage',
      '(did you mean "partial_outage"?)',
    ],
  },
  {
    name: 'feature status outside the vocabulary',
    files: withIncident(
      incidentFields({ affected: [{ service: 'kakaotalk', status: 'partial_outage', features: { media: 'down' } }] }),
    ),
    where: 'incidents/bad.md: affected[0].features.media',
    mentions: ['"down"', 'operational, under_maintenance, degraded_performance, partial_outage, major_outage'],
  },
  {
    name: 'update state outside the vocabulary',
    files: withIncident(incidentFields({ updates: [message('2022-10-15T16:00', 'resolve')] })),
    where: 'incidents/bad.md: updates[0].status',
    mentions: [
      '"resolve"',
      'investigating, identified, monitoring, resolved, postmortem',
      '(did you mean "resolved"?)',
    ],
  },
  {
    name: 'maintenance state misspelt: only maintenance states are offered',
    files: withIncident(maintenanceFields({ updates: [message('2022-11-01T02:00', 'in-progress')] })),
    where: 'incidents/bad.md: updates[0].status',
    mentions: [
      '"in-progress" is not a maintenance state; allowed: scheduled, in_progress, verifying, completed (did you mean "in_progress"?)',
    ],
  },
  {
    name: 'impact outside the vocabulary',
    files: withIncident(incidentFields({ impact: 'high' })),
    where: 'incidents/bad.md: impact',
    mentions: ['"high"', 'none, minor, major, critical'],
  },
  {
    name: 'kind outside the vocabulary',
    files: withIncident(incidentFields({ kind: 'maintainance' })),
    where: 'incidents/bad.md: kind',
    mentions: ['"maintainance"', 'incident, maintenance', '(did you mean "maintenance"?)'],
  },
  {
    name: 'maintenance state used on an incident',
    files: withIncident(incidentFields({ updates: [message('2022-10-15T16:00', 'completed')] })),
    where: 'incidents/bad.md: updates[0].status',
    mentions: ['"completed"', 'investigating, identified, monitoring, resolved, postmortem'],
  },
  {
    name: 'incident state used on a maintenance',
    files: withIncident(maintenanceFields({ updates: [message('2022-11-01T04:00', 'resolved')] })),
    where: 'incidents/bad.md: updates[0].status',
    mentions: ['"resolved"', 'scheduled, in_progress, verifying, completed'],
  },

  // Time order
  {
    name: 'resolved before started',
    files: withIncident(incidentFields({ resolved: '2022-10-15T15:00' })),
    where: 'incidents/bad.md: resolved',
    mentions: ['2022-10-15 15:00 KST', 'started 2022-10-15 15:30 KST'],
  },
  {
    name: 'scheduled.end not after scheduled.start',
    files: withIncident(maintenanceFields({ scheduled: { start: '2022-11-01T02:00', end: '2022-11-01T02:00' } })),
    where: 'incidents/bad.md: scheduled.end',
    mentions: ['2022-11-01 02:00 KST', 'must end after it starts'],
  },
  {
    name: 'resolved disagrees with the resolved update',
    files: withIncident(
      incidentFields({ resolved: '2022-10-15T18:00', updates: [message('2022-10-15T17:00', 'resolved')] }),
    ),
    where: 'incidents/bad.md: resolved',
    mentions: ['2022-10-15 18:00 KST', '2022-10-15 17:00 KST', 'updates[0].at'],
  },
  {
    name: 'an update after the resolved one that reopens the incident',
    files: withIncident(
      incidentFields({
        updates: [message('2022-10-15T17:00', 'resolved'), message('2022-10-15T18:00', 'investigating')],
      }),
    ),
    where: 'incidents/bad.md: updates[1].status',
    mentions: ['"investigating" after the "resolved" update (updates[0])', 'only postmortem may follow'],
  },
  {
    name: 'a postmortem on an incident that was never resolved',
    files: withIncident(
      incidentFields({
        updates: [message('2022-10-15T16:00', 'investigating'), message('2022-10-20T10:00', 'postmortem')],
      }),
    ),
    where: 'incidents/bad.md: updates[1].status',
    mentions: ['give resolved, or a "resolved" update before it'],
  },
  {
    name: 'an update after a completed maintenance',
    files: withIncident(
      maintenanceFields({
        updates: [message('2022-11-01T04:00', 'completed'), message('2022-11-01T05:00', 'verifying')],
      }),
    ),
    where: 'incidents/bad.md: updates[1].status',
    mentions: ['"verifying" after the "completed" update', 'no more updates'],
  },
  {
    name: 'updates out of order',
    files: withIncident(incidentFields({ updates: [message('2022-10-15T16:10'), message('2022-10-15T16:00')] })),
    where: 'incidents/bad.md: updates[1].at',
    mentions: ['2022-10-15 16:00 KST', '2022-10-15 16:10 KST', 'oldest first'],
  },
  {
    name: 'update before started',
    files: withIncident(incidentFields({ updates: [message('2022-10-15T15:00', 'investigating')] })),
    where: 'incidents/bad.md: updates[0].at',
    mentions: ['2022-10-15 15:00 KST', 'started 2022-10-15 15:30 KST'],
  },
  {
    name: 'maintenance announced long before its window',
    files: withIncident(maintenanceFields({ updates: [message('2022-07-01T10:00', 'scheduled')] })),
    where: 'incidents/bad.md: updates[0].at',
    mentions: ['90 days'],
  },

  // Required and misplaced fields
  {
    name: 'maintenance without scheduled',
    files: withIncident(maintenanceFields({ scheduled: undefined })),
    where: 'incidents/bad.md: scheduled',
    mentions: ['{ start, end }'],
  },
  {
    name: 'scheduled on an incident',
    files: withIncident(incidentFields({ scheduled: { start: '2022-11-01T02:00', end: '2022-11-01T04:00' } })),
    where: 'incidents/bad.md: scheduled',
    mentions: ['kind: maintenance'],
  },
  {
    name: 'incident without started',
    files: withIncident(incidentFields({ started: undefined })),
    where: 'incidents/bad.md: started',
    mentions: ['is required', '2022-10-15T15:30'],
  },
  {
    name: 'incident without title',
    files: withIncident(incidentFields({ title: undefined })),
    where: 'incidents/bad.md: title',
    mentions: ['is required', '{ ko: "...", en: "..." }'],
  },
  {
    name: 'empty affected list',
    files: withIncident(incidentFields({ affected: [] })),
    where: 'incidents/bad.md: affected',
    mentions: ['at least one'],
  },
  {
    name: 'unknown field "resovled", with a suggestion',
    files: withIncident(incidentFields({ resovled: '2022-10-15T18:00' })),
    where: 'incidents/bad.md: resovled',
    mentions: ['"resovled"', 'started, resolved', '(did you mean "resolved"?)'],
  },
  {
    name: 'unknown field inside an affected entry',
    files: withIncident(
      incidentFields({ affected: [{ service: 'kakaotalk', status: 'major_outage', notes: '텍스트만 가능' }] }),
    ),
    where: 'incidents/bad.md: affected[0].notes',
    mentions: ['"notes"', 'service, status, features, note', '(did you mean "note"?)'],
  },

  {
    name: 'affected entry that is not a map',
    files: withIncident(incidentFields({ affected: ['kakaotalk'] })),
    where: 'incidents/bad.md: affected[0]',
    mentions: ['"kakaotalk"', 'service, status, features, note'],
  },
  {
    name: 'service id that is not text',
    files: withIncident(incidentFields({ affected: [{ service: 42, status: 'major_outage' }] })),
    where: 'incidents/bad.md: affected[0].service',
    mentions: ['got 42'],
  },

  // Values
  {
    name: 'impossible date',
    files: withIncident(incidentFields({ started: '2022-02-30T10:00' })),
    where: 'incidents/bad.md: started',
    mentions: ['"2022-02-30T10:00"', '2022-10-15T15:30+09:00'],
  },
  {
    name: 'date-time that is not ISO 8601',
    files: withIncident(incidentFields({ updates: [message('10/15 16:00')] })),
    where: 'incidents/bad.md: updates[0].at',
    mentions: ['"10/15 16:00"', '2022-10-15T15:30'],
  },
  {
    name: 'date-time written as a number',
    files: withIncident(incidentFields({ resolved: 2022 })),
    where: 'incidents/bad.md: resolved',
    mentions: ['got 2022'],
  },
  {
    name: 'affectedUsers above 100',
    files: withIncident(incidentFields({ affectedUsers: 120 })),
    where: 'incidents/bad.md: affectedUsers',
    mentions: ['0 to 100'],
  },
  {
    name: 'affectedUsers written with a percent sign',
    files: withIncident(incidentFields({ affectedUsers: '80%' })),
    where: 'incidents/bad.md: affectedUsers',
    mentions: ['"80%"', '0 to 100'],
  },

  // site.yaml
  {
    name: 'missing site.yaml',
    files: [KAKAOTALK, KAKAOBANK],
    where: 'site.yaml: (file)',
    mentions: ['missing', 'title'],
  },
  {
    name: 'invalid timezone in site.yaml',
    files: contentWith(siteYaml({ timezone: 'Asia/Seul' })),
    where: 'site.yaml: timezone',
    mentions: ['"Asia/Seul"', 'Asia/Seoul'],
  },
  {
    name: 'unsupported locale in site.yaml',
    files: contentWith(siteYaml({ defaultLocale: 'jp' })),
    where: 'site.yaml: defaultLocale',
    mentions: ['"jp"', 'ko, en'],
  },
  {
    name: 'site.yaml without a title',
    files: contentWith(siteYaml({ title: undefined })),
    where: 'site.yaml: title',
    mentions: ['is required'],
  },
  {
    name: 'site.yaml that is a list',
    files: contentWith({ path: 'site.yaml', text: '- title: 카카오 서비스 상태\n' }),
    where: 'site.yaml: (file)',
    mentions: ['title, description, timezone, defaultLocale, locales, staleAfterMinutes, links'],
  },
  {
    name: 'staleAfterMinutes that is not a whole number of minutes',
    files: contentWith(siteYaml({ staleAfterMinutes: '15분' })),
    where: 'site.yaml: staleAfterMinutes',
    mentions: ['"15분"', 'minutes'],
  },
  {
    name: 'staleAfterMinutes of 0',
    files: contentWith(siteYaml({ staleAfterMinutes: 0 })),
    where: 'site.yaml: staleAfterMinutes',
    mentions: ['at least 1'],
  },
  {
    name: 'link that is not an http(s) URL',
    files: contentWith(siteYaml({ links: [{ label: '고객센터', url: 'javascript:alert(1)' }] })),
    where: 'site.yaml: links[0].url',
    mentions: ['"javascript:alert(1)"', 'http(s)'],
  },

  // Files and front matter
  {
    name: 'bad YAML, with the line number in the file',
    files: contentWith({
      path: 'incidents/bad.md',
      text: '---\ntitle: 장애\nstarted: 2022-10-15T15:30\naffected:\n  - service: kakaotalk\n   status: major_outage\n---\n본문\n',
    }),
    where: 'incidents/bad.md: front matter',
    mentions: ['line 6'],
  },
  {
    name: 'bad YAML in site.yaml, with the line number',
    files: contentWith({
      path: 'site.yaml',
      text: 'title: 카카오 서비스 상태\nlinks:\n  - label: 고객센터\n    url: https://cs.kakao.com\n   - label: 뉴스룸\n',
    }),
    where: 'site.yaml: (file)',
    mentions: ['line 5'],
  },
  {
    name: 'the same field twice',
    files: contentWith({
      path: 'incidents/bad.md',
      text: '---\ntitle: 장애\nstarted: 2022-10-15T15:30\nstarted: 2022-10-15T16:30\naffected: [{ service: kakaotalk, status: major_outage }]\n---\n',
    }),
    where: 'incidents/bad.md: front matter',
    mentions: ['line 4', 'duplicated mapping key'],
  },
  {
    name: 'missing front matter',
    files: contentWith({ path: 'incidents/bad.md', text: '# 카카오톡 장애\n\n메시지가 전송되지 않습니다.\n' }),
    where: 'incidents/bad.md: front matter',
    mentions: ['"---"'],
  },
  {
    name: 'front matter that is a list',
    files: contentWith({ path: 'incidents/bad.md', text: '---\n- title: 장애\n---\n' }),
    where: 'incidents/bad.md: front matter',
    mentions: ['name: value'],
  },
  {
    name: 'file that is not Markdown in incidents/',
    files: contentWith(incidentFile('2022/notes.txt', incidentFields())),
    where: 'incidents/2022/notes.txt: (file)',
    mentions: ['incidents/**/<slug>.md'],
  },
  {
    name: 'bad slug',
    files: contentWith(incidentFile('2022/Pangyo_Fire', incidentFields())),
    where: 'incidents/2022/Pangyo_Fire.md: (file name)',
    mentions: ['"Pangyo_Fire"', 'lowercase letters, digits and single hyphens'],
  },
  {
    name: 'duplicate slug across sub-folders',
    files: contentWith(incidentFile('2022/outage', incidentFields()), incidentFile('2023/outage', incidentFields())),
    where: 'incidents/2023/outage.md: (file name)',
    mentions: ['"outage"', 'incidents/2022/outage.md'],
  },

  // Every entry of the content folder is read or named (content-layout.ts).
  {
    name: 'an incident file in the content root',
    files: contentWith({ path: '2022-10-15-fire.md', text: '---\ntitle: 화재\n---\n' }),
    where: '2022-10-15-fire.md: (file)',
    mentions: ['site.yaml, services/ and incidents/', 'incidents go in incidents/'],
  },
  {
    name: 'an incident under a misspelt folder',
    files: contentWith(
      { path: 'incident/2022/fire.md', text: '---\ntitle: 화재\n---\n' },
      { path: 'incident/2022/photos.md', text: '---\ntitle: 사진\n---\n' },
    ),
    where: 'incident/: (folder)',
    mentions: ['unknown folder', '(did you mean "incidents"?)'],
  },
  {
    name: 'a folder in capitals',
    files: contentWith({ path: 'Services/kakaopay.md', text: '---\nname: 카카오페이\n---\n' }),
    where: 'Services/: (folder)',
    mentions: ['(did you mean "services"?)'],
  },
  {
    name: 'site.yml for site.yaml',
    files: contentWith({ path: 'site.yml', text: 'title: 상태\n' }),
    where: 'site.yml: (file)',
    mentions: ['(did you mean "site.yaml"?)'],
  },
  {
    name: 'a .markdown incident file',
    files: contentWith(incidentFile('2022/fire.markdown', incidentFields())),
    where: 'incidents/2022/fire.markdown: (file)',
    mentions: ['(rename it to fire.md)'],
  },
  {
    name: 'a file the reader could not read',
    files: contentWith({
      path: 'incidents/cp949.md',
      unreadable: { field: '(file)', message: 'not UTF-8; save it as UTF-8' },
    }),
    where: 'incidents/cp949.md: (file)',
    mentions: ['not UTF-8; save it as UTF-8'],
  },

  // Front matter (frontmatter.ts)
  {
    name: 'front matter that is never closed',
    files: contentWith({ path: 'incidents/bad.md', text: '---\ntitle: 화재\n--- \u200b\n본문' }),
    where: 'incidents/bad.md: front matter',
    mentions: ['exactly "---"'],
  },
  {
    name: 'a YAML alias of a list',
    files: contentWith({
      path: 'incidents/bad.md',
      text: [
        '---',
        'title: 화재',
        'started: 2022-10-15T15:30',
        'affected: &down',
        '  - { service: kakaotalk, status: major_outage }',
        'updates:',
        '  - { at: 2022-10-15T16:00, status: identified, message: 원인 파악, affected: *down }',
        '---',
      ].join('\n'),
    }),
    where: 'incidents/bad.md: updates[0].affected',
    mentions: ['YAML alias (*name)', 'write the value out'],
  },
  {
    name: 'a YAML alias bomb in a wrongly typed field',
    files: contentWith({
      path: 'incidents/bad.md',
      text: [
        '---',
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        ...'bcdefghi'.split('').map((name, i) => {
          const previous = 'abcdefghi'[i] ?? 'a';
          return `${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`;
        }),
        'title: *i',
        '---',
      ].join('\n'),
    }),
    where: 'incidents/bad.md: b[0]',
    mentions: ['YAML alias'],
  },

  // Text (text.ts)
  {
    name: 'a control character in a title',
    files: withIncident(incidentFields({ title: { ko: '카카오톡\u0008 장애', en: 'Outage' } })),
    where: 'incidents/bad.md: title.ko',
    mentions: ['U+0008 at character 5', 'only tabs and line breaks'],
  },
  {
    name: 'NUL in an update message',
    files: withIncident(incidentFields({ updates: [{ ...message('2022-10-15T16:00'), message: 'a\u0000b' }] })),
    where: 'incidents/bad.md: updates[0].message',
    mentions: ['U+0000'],
  },
  {
    name: 'ESC in a body',
    files: contentWith(incidentFile('bad', incidentFields(), '\u001b[31m빨간 글씨\u001b[0m')),
    where: 'incidents/bad.md: (body)',
    mentions: ['U+001B at character 1'],
  },
  {
    name: 'a control character in a service name',
    files: contentWith(serviceFile('kakaopay', { name: '카카오\u0008페이' })),
    where: 'services/kakaopay.md: name',
    mentions: ['U+0008'],
  },
  {
    name: 'a control character in site.yaml',
    files: [siteYaml({ title: '상태\u0007' }), KAKAOTALK, KAKAOBANK],
    where: 'site.yaml: title',
    mentions: ['U+0007'],
  },

  // Times (time.ts)
  {
    name: 'an offset beyond +14:00',
    files: withIncident(incidentFields({ started: '2021-07-16T16:30+99:99' })),
    where: 'incidents/bad.md: started',
    mentions: ['+99:99', 'from -14:00 to +14:00'],
  },
  {
    name: 'an offset with 75 minutes',
    files: withIncident(incidentFields({ started: '2021-07-16T16:30+09:75' })),
    where: 'incidents/bad.md: started',
    mentions: ['+09:75', 'minutes 00-59'],
  },
  {
    name: 'a time in the summer-time gap of the site timezone',
    files: [
      siteYaml({ timezone: 'America/New_York' }),
      KAKAOTALK,
      KAKAOBANK,
      incidentFile('bad', incidentFields({ started: '2021-03-14T02:30' })),
    ],
    where: 'incidents/bad.md: started',
    mentions: ['does not exist in America/New_York', 'from 02:00 straight to 03:00', '-05:00 before it, -04:00 after'],
  },

  // Bounded work (text.ts, markdown.ts)
  {
    name: 'a body over 1 MiB',
    files: contentWith(incidentFile('bad', incidentFields(), '가'.repeat(349_526))),
    where: 'incidents/bad.md: (body)',
    mentions: ['is 1,048,578 bytes', 'at most 1,048,576 bytes (1 MiB)'],
  },
  {
    name: 'an update message over 64 KiB',
    files: withIncident(
      incidentFields({ updates: [{ ...message('2022-10-15T16:00'), message: 'a'.repeat(64 * 1024 + 1) }] }),
    ),
    where: 'incidents/bad.md: updates[0].message',
    mentions: ['is 65,537 bytes', 'at most 65,536 bytes (64 KiB)'],
  },
  {
    name: 'quotes nested 2,000 deep in a body',
    files: contentWith(incidentFile('bad', incidentFields(), `${'>'.repeat(2000)} 인용`)),
    where: 'incidents/bad.md: (body)',
    mentions: ['nested 2000 levels deep', 'at most 32'],
  },
  {
    name: 'a list nested 40 deep in an update message',
    files: withIncident(
      incidentFields({
        updates: [
          {
            ...message('2022-10-15T16:00'),
            message: Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- 항목`).join('\n'),
          },
        ],
      }),
    ),
    where: 'incidents/bad.md: updates[0].message',
    mentions: ['nested 33 levels deep'],
  },
  {
    name: 'emphasis nested 90 deep in a note',
    files: withIncident(
      incidentFields({
        affected: [{ service: 'kakaotalk', status: 'major_outage', note: `${'**a '.repeat(90)}x${' a**'.repeat(90)}` }],
      }),
    ),
    where: 'incidents/bad.md: affected[0].note',
    mentions: ['92 levels deep', 'at most 80'],
  },
  {
    name: 'a run of 65 emphasis markers in a service description',
    files: contentWith(serviceFile('kakaopay', { name: '카카오페이' }, `${'*'.repeat(65)}x`)),
    where: 'services/kakaopay.md: (body)',
    mentions: ['65 emphasis markers', 'at most 64'],
  },

  // services/
  {
    name: 'no services at all',
    files: [siteYaml()],
    where: 'services/: (folder)',
    mentions: ['services/<id>.md'],
  },
  {
    name: 'bad service file name',
    files: contentWith(serviceFile('Kakao_Pay', { name: '카카오페이' })),
    where: 'services/Kakao_Pay.md: (file name)',
    mentions: ['"Kakao_Pay"', 'lowercase letters, digits and single hyphens'],
  },
  {
    name: 'service file in a sub-folder',
    files: contentWith(serviceFile('pay/kakaopay', { name: '카카오페이' })),
    where: 'services/pay/kakaopay.md: (file)',
    mentions: ['services/<id>.md'],
  },
  {
    name: 'a service id that is reserved for the overall badge',
    files: contentWith(serviceFile('overall', { name: '전체' })),
    where: 'services/overall.md: (file name)',
    mentions: ['"overall" is reserved', '/badges/overall.svg'],
  },
  {
    name: 'service without a name',
    files: contentWith(serviceFile('kakaopay', { order: 3 })),
    where: 'services/kakaopay.md: name',
    mentions: ['is required'],
  },
  {
    name: 'service order that is not a whole number',
    files: contentWith(serviceFile('kakaopay', { name: '카카오페이', order: 'first' })),
    where: 'services/kakaopay.md: order',
    mentions: ['"first"', 'whole number'],
  },
  {
    name: 'feature id that is not an id',
    files: contentWith(
      serviceFile('kakaopay', { name: '카카오페이', features: [{ id: 'Pay Money', name: '페이머니' }] }),
    ),
    where: 'services/kakaopay.md: features[0].id',
    mentions: ['"Pay Money"', 'lowercase letters, digits and single hyphens'],
  },
  {
    name: 'feature id that is a number',
    files: contentWith(serviceFile('kakaopay', { name: '카카오페이', features: [{ id: 1, name: '결제' }] })),
    where: 'services/kakaopay.md: features[0].id',
    mentions: ['got 1', 'kakao-t'],
  },
  {
    name: 'feature id listed twice',
    files: contentWith(
      serviceFile('kakaopay', {
        name: '카카오페이',
        features: [
          { id: 'payment', name: '결제' },
          { id: 'payment', name: '송금' },
        ],
      }),
    ),
    where: 'services/kakaopay.md: features[1].id',
    mentions: ['"payment"', 'unique'],
  },
];

describe('parseContent refuses broken content', () => {
  test.each(BROKEN)('$name', ({ files, where, mentions }) => {
    const lines = problemLines(files);
    expect(lines).toHaveLength(1);
    const [line = ''] = lines;
    expect(line.startsWith(`${where}: `), line).toBe(true);
    for (const mention of mentions) expect(line).toContain(mention);
  });

  test('every message names the file, the field, what is wrong and what is allowed', () => {
    const catalogue = Object.fromEntries(BROKEN.map(({ name, files }) => [name, problemLines(files).join('\n')]));
    expect(catalogue).toMatchInlineSnapshot(`
      {
        "ESC in a body": "incidents/bad.md: (body): contains the control character U+001B at character 1; remove it (only tabs and line breaks are allowed)",
        "NUL in an update message": "incidents/bad.md: updates[0].message: contains the control character U+0000 at character 2; remove it (only tabs and line breaks are allowed)",
        "a .markdown incident file": "incidents/2022/fire.markdown: (file): not a Markdown file; incidents are incidents/**/<slug>.md (rename it to fire.md)",
        "a YAML alias bomb in a wrongly typed field": "incidents/bad.md: b[0]: repeats a list or map with a YAML alias (*name); aliases are not allowed here, write the value out",
        "a YAML alias of a list": "incidents/bad.md: updates[0].affected: repeats a list or map with a YAML alias (*name); aliases are not allowed here, write the value out",
        "a body over 1 MiB": "incidents/bad.md: (body): is 1,048,578 bytes; a body may be at most 1,048,576 bytes (1 MiB) (link to a longer report instead)",
        "a control character in a service name": "services/kakaopay.md: name: contains the control character U+0008 at character 4; remove it (only tabs and line breaks are allowed)",
        "a control character in a title": "incidents/bad.md: title.ko: contains the control character U+0008 at character 5; remove it (only tabs and line breaks are allowed)",
        "a control character in site.yaml": "site.yaml: title: contains the control character U+0007 at character 3; remove it (only tabs and line breaks are allowed)",
        "a file the reader could not read": "incidents/cp949.md: (file): not UTF-8; save it as UTF-8",
        "a folder in capitals": "Services/: (folder): unknown folder; the content folder holds only site.yaml, services/ and incidents/ (did you mean "services"?)",
        "a list nested 40 deep in an update message": "incidents/bad.md: updates[0].message: quotes and lists are nested 33 levels deep; at most 32 are allowed",
        "a postmortem on an incident that was never resolved": "incidents/bad.md: updates[1].status: a postmortem follows a resolved incident; give resolved, or a "resolved" update before it",
        "a run of 65 emphasis markers in a service description": "services/kakaopay.md: (body): has 65 emphasis markers (*, _ or ~) in a row; at most 64 are allowed",
        "a service id that is reserved for the overall badge": "services/overall.md: (file name): "overall" is reserved (it names the whole site's badge, /badges/overall.svg); rename the file",
        "a time in the summer-time gap of the site timezone": "incidents/bad.md: started: "2021-03-14T02:30" does not exist in America/New_York: on 2021-03-14 the clocks went from 02:00 straight to 03:00 (summer time); give a time outside that gap, or the offset (-05:00 before it, -04:00 after)",
        "affected entry that is not a map": "incidents/bad.md: affected[0]: expected a map of fields (service, status, features, note), got "kakaotalk"",
        "affectedUsers above 100": "incidents/bad.md: affectedUsers: 120 is not a percentage; use a number from 0 to 100",
        "affectedUsers written with a percent sign": "incidents/bad.md: affectedUsers: expected a percentage from 0 to 100, got "80%"",
        "an incident file in the content root": "2022-10-15-fire.md: (file): unknown file; the content folder holds only site.yaml, services/ and incidents/; incidents go in incidents/, services in services/",
        "an incident under a misspelt folder": "incident/: (folder): unknown folder; the content folder holds only site.yaml, services/ and incidents/ (did you mean "incidents"?)",
        "an offset beyond +14:00": "incidents/bad.md: started: "2021-07-16T16:30+99:99" has the offset +99:99, which is not a UTC offset; offsets go from -14:00 to +14:00 with minutes 00-59 (Korea: +09:00)",
        "an offset with 75 minutes": "incidents/bad.md: started: "2021-07-16T16:30+09:75" has the offset +09:75, which is not a UTC offset; offsets go from -14:00 to +14:00 with minutes 00-59 (Korea: +09:00)",
        "an update after a completed maintenance": "incidents/bad.md: updates[1].status: "verifying" after the "completed" update (updates[0]); a completed maintenance takes no more updates",
        "an update after the resolved one that reopens the incident": "incidents/bad.md: updates[1].status: "investigating" after the "resolved" update (updates[0]); only postmortem may follow, and a new problem is a new incident",
        "an update message over 64 KiB": "incidents/bad.md: updates[0].message: is 65,537 bytes; a text in the front matter may be at most 65,536 bytes (64 KiB) (long write-ups go in the body)",
        "bad YAML in site.yaml, with the line number": "site.yaml: (file): invalid YAML at line 5: bad indentation of a sequence entry",
        "bad YAML, with the line number in the file": "incidents/bad.md: front matter: invalid YAML at line 6: bad indentation of a sequence entry",
        "bad service file name": "services/Kakao_Pay.md: (file name): "Kakao_Pay" is not a valid service id; use lowercase letters, digits and single hyphens (kakao-t)",
        "bad slug": "incidents/2022/Pangyo_Fire.md: (file name): "Pangyo_Fire" is not a valid slug; use lowercase letters, digits and single hyphens (2022-10-15-datacenter-fire)",
        "component status outside the vocabulary": "incidents/bad.md: affected[0].status: "partial" is not a component status; allowed: operational, under_maintenance, degraded_performance, partial_outage, major_outage (did you mean "partial_outage"?)",
        "date-time that is not ISO 8601": "incidents/bad.md: updates[0].at: "10/15 16:00" is not a date-time; expected an ISO 8601 date-time such as 2022-10-15T15:30 (read in the site timezone) or 2022-10-15T15:30+09:00",
        "date-time written as a number": "incidents/bad.md: resolved: expected an ISO 8601 date-time such as 2022-10-15T15:30 (read in the site timezone) or 2022-10-15T15:30+09:00, got 2022",
        "duplicate slug across sub-folders": "incidents/2023/outage.md: (file name): slug "outage" is also used by incidents/2022/outage.md; slugs must be unique across sub-folders",
        "emphasis nested 90 deep in a note": "incidents/bad.md: affected[0].note: Markdown elements (quotes, lists, emphasis, links) are nested 92 levels deep; at most 80 are allowed",
        "empty affected list": "incidents/bad.md: affected: list at least one affected service ({ service, status })",
        "feature id listed twice": "services/kakaopay.md: features[1].id: "payment" is listed twice; feature ids must be unique within a service",
        "feature id that is a number": "services/kakaopay.md: features[0].id: expected an id such as kakao-t, got 1",
        "feature id that is not an id": "services/kakaopay.md: features[0].id: "Pay Money" is not a valid id; use lowercase letters, digits and single hyphens (kakao-t)",
        "feature of a service that has none": "incidents/bad.md: affected[0].features.taxi: unknown feature "taxi"; service "kakao-t" has no features (add them in services/kakao-t.md)",
        "feature status outside the vocabulary": "incidents/bad.md: affected[0].features.media: "down" is not a component status; allowed: operational, under_maintenance, degraded_performance, partial_outage, major_outage",
        "file that is not Markdown in incidents/": "incidents/2022/notes.txt: (file): not a Markdown file; incidents are incidents/**/<slug>.md",
        "front matter that is a list": "incidents/bad.md: front matter: expected fields (name: value), got a list or a single value",
        "front matter that is never closed": "incidents/bad.md: front matter: not closed; end the fields with a line that is exactly "---"",
        "impact outside the vocabulary": "incidents/bad.md: impact: "high" is not an impact; allowed: none, minor, major, critical",
        "impossible date": "incidents/bad.md: started: "2022-02-30T10:00" is not a calendar date (2022-02-30 does not exist); expected an ISO 8601 date-time such as 2022-10-15T15:30 (read in the site timezone) or 2022-10-15T15:30+09:00",
        "incident state used on a maintenance": "incidents/bad.md: updates[0].status: "resolved" is an incident state; a maintenance's states are scheduled, in_progress, verifying, completed",
        "incident without started": "incidents/bad.md: started: is required for an incident; give the time it began, e.g. 2022-10-15T15:30",
        "incident without title": "incidents/bad.md: title: is required; expected a non-empty text or a map of texts by locale ({ ko: "...", en: "..." }; locales: ko, en)",
        "invalid timezone in site.yaml": "site.yaml: timezone: "Asia/Seul" is not an IANA timezone; use a name such as Asia/Seoul or UTC",
        "kind outside the vocabulary": "incidents/bad.md: kind: "maintainance" is not a kind; allowed: incident, maintenance (did you mean "maintenance"?)",
        "link that is not an http(s) URL": "site.yaml: links[0].url: "javascript:alert(1)" is not an absolute http(s) URL",
        "maintenance announced long before its window": "incidents/bad.md: updates[0].at: 2022-07-01 10:00 KST is more than 90 days before scheduled.start; announce maintenance at most 90 days ahead",
        "maintenance state misspelt: only maintenance states are offered": "incidents/bad.md: updates[0].status: "in-progress" is not a maintenance state; allowed: scheduled, in_progress, verifying, completed (did you mean "in_progress"?)",
        "maintenance state used on an incident": "incidents/bad.md: updates[0].status: "completed" is a maintenance state; an incident's states are investigating, identified, monitoring, resolved, postmortem",
        "maintenance without scheduled": "incidents/bad.md: scheduled: is required for maintenance; give the window as { start, end }",
        "missing front matter": "incidents/bad.md: front matter: missing; start the file with a line "---", then the fields in YAML, then a line "---"",
        "missing site.yaml": "site.yaml: (file): missing; create site.yaml with at least a title",
        "no services at all": "services/: (folder): no services; add at least one services/<id>.md with a name",
        "quotes nested 2,000 deep in a body": "incidents/bad.md: (body): quotes and lists are nested 2000 levels deep; at most 32 are allowed",
        "resolved before started": "incidents/bad.md: resolved: 2022-10-15 15:00 KST is before started 2022-10-15 15:30 KST; it cannot end before it begins",
        "resolved disagrees with the resolved update": "incidents/bad.md: resolved: 2022-10-15 18:00 KST disagrees with the "resolved" update at 2022-10-15 17:00 KST (updates[0].at); make them equal or remove resolved",
        "scheduled on an incident": "incidents/bad.md: scheduled: is only for maintenance; set kind: maintenance or remove it",
        "scheduled.end not after scheduled.start": "incidents/bad.md: scheduled.end: 2022-11-01 02:00 KST is not after scheduled.start 2022-11-01 02:00 KST; the window must end after it starts",
        "service file in a sub-folder": "services/pay/kakaopay.md: (file): a file in a folder inside services/; services are services/<id>.md, without sub-folders",
        "service id that is not text": "incidents/bad.md: affected[0].service: expected a service id, got 42",
        "service listed twice": "incidents/bad.md: affected[1].service: "kakaotalk" is listed twice; list each service once",
        "service order that is not a whole number": "services/kakaopay.md: order: expected a whole number, got "first"",
        "service without a name": "services/kakaopay.md: name: is required; expected a non-empty text or a map of texts by locale ({ ko: "...", en: "..." }; locales: ko, en)",
        "site.yaml that is a list": "site.yaml: (file): expected a map of fields (title, description, timezone, defaultLocale, locales, staleAfterMinutes, links), got [{"title":"카카오 서비스 상태"}]",
        "site.yaml without a title": "site.yaml: title: is required; expected a non-empty text or a map of texts by locale ({ ko: "...", en: "..." }; locales: ko, en)",
        "site.yml for site.yaml": "site.yml: (file): unknown file; the content folder holds only site.yaml, services/ and incidents/ (did you mean "site.yaml"?)",
        "staleAfterMinutes of 0": "site.yaml: staleAfterMinutes: 0 is too small; use at least 1 (minute)",
        "staleAfterMinutes that is not a whole number of minutes": "site.yaml: staleAfterMinutes: "15분" is not a number of minutes",
        "the same field twice": "incidents/bad.md: front matter: invalid YAML at line 4: duplicated mapping key",
        "unknown feature, with a suggestion": "incidents/bad.md: affected[0].features.medias: unknown feature "medias" of service "kakaotalk"; its features: messages, media, pc-login (did you mean "media"?)",
        "unknown field "resovled", with a suggestion": "incidents/bad.md: resovled: unknown field "resovled"; allowed: title, kind, impact, started, resolved, scheduled, affected, updates, affectedUsers (did you mean "resolved"?)",
        "unknown field inside an affected entry": "incidents/bad.md: affected[0].notes: unknown field "notes"; allowed: service, status, features, note (did you mean "note"?)",
        "unknown service in an update, without a near miss": "incidents/bad.md: updates[0].affected[0].service: unknown service "daum-mail"; known services: kakaobank, kakaotalk",
        "unknown service, with a suggestion": "incidents/bad.md: affected[0].service: unknown service "kakatalk"; known services: kakaobank, kakaotalk (did you mean "kakaotalk"?)",
        "unsupported locale in site.yaml": "site.yaml: defaultLocale: "jp" is not a supported locale; allowed: ko, en",
        "update before started": "incidents/bad.md: updates[0].at: 2022-10-15 15:00 KST is before started 2022-10-15 15:30 KST; updates cannot precede the incident",
        "update state outside the vocabulary": "incidents/bad.md: updates[0].status: "resolve" is not an incident state; allowed: investigating, identified, monitoring, resolved, postmortem (did you mean "resolved"?)",
        "updates out of order": "incidents/bad.md: updates[1].at: 2022-10-15 16:00 KST is before the previous update (2022-10-15 16:10 KST); list updates oldest first",
      }
    `);
  });

  test('the bad YAML line number is the line in the file, counting the opening ---', () => {
    const text = [
      '---',
      'title: 장애',
      'started: 2022-10-15T15:30',
      'affected:',
      '  - service: kakaotalk',
      '   status: major_outage',
      '---',
    ].join('\n');
    const badLine = text.split('\n').indexOf('   status: major_outage') + 1;
    expect(problemLines(contentWith({ path: 'incidents/bad.md', text }))).toEqual([
      expect.stringMatching(new RegExp(`^incidents/bad\\.md: front matter: invalid YAML at line ${badLine}: `)),
    ]);
  });

  test('all problems are reported at once, one line each, in file order', () => {
    const files = contentWith(
      incidentFile('2024/c-late', incidentFields({ updates: [message('2022-10-15T15:00')] })),
      incidentFile('2022/a-typo', incidentFields({ affected: [{ service: 'kakaotalk', status: 'partial' }] })),
      serviceFile('kakaopay', {}),
    );
    const lines = problemLines(files);
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => line.split(': ').slice(0, 2).join(': '))).toEqual([
      'services/kakaopay.md: name',
      'incidents/2022/a-typo.md: affected[0].status',
      'incidents/2024/c-late.md: updates[0].at',
    ]);
  });

  test('several problems in one file are all reported', () => {
    const files = withIncident(
      incidentFields({
        affected: [{ service: 'kakatalk', status: 'major_outage' }],
        updates: [message('2022-10-15T16:10'), message('2022-10-15T16:00')],
      }),
    );
    expect(problemLines(files).map((line) => line.split(': ')[1])).toEqual(['affected[0].service', 'updates[1].at']);
  });

  test('schema problems in site.yaml do not hide problems elsewhere', () => {
    const files = contentWith(siteYaml({ title: undefined }), incidentFile('bad', incidentFields({ impact: 'high' })));
    expect(problemLines(files).map((line) => line.split(': ').slice(0, 2).join(': '))).toEqual([
      'site.yaml: title',
      'incidents/bad.md: impact',
    ]);
  });

  test('times in incidents are still read in a valid site timezone when site.yaml has another problem', () => {
    // 15:30 naive in UTC is 00:30 KST the next day: the message shows it in the site's own zone.
    const files = contentWith(
      siteYaml({ timezone: 'UTC', title: undefined }),
      incidentFile('bad', incidentFields({ resolved: '2022-10-15T15:00' })),
    );
    expect(problemLines(files)).toContain(
      'incidents/bad.md: resolved: 2022-10-15 15:00 UTC is before started 2022-10-15 15:30 UTC; it cannot end before it begins',
    );
  });
});

describe('parseContent accepts valid content', () => {
  test('a valid folder gives the model: services in order, incidents newest first', () => {
    const result = parseContent(
      contentWith(
        serviceFile('kakao-t', { name: { ko: '카카오 T', en: 'Kakao T' } }),
        serviceFile('daum', { name: { ko: '다음', en: 'Daum' } }),
        incidentFile('2020/old', incidentFields({ started: '2020-03-02T08:58', resolved: '2020-03-02T10:17' })),
        incidentFile('2022/fire', incidentFields()),
        incidentFile('2021/middle', incidentFields({ started: '2021-05-05T21:47', resolved: '2021-05-06T00:08' })),
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { model } = result;
    // order 1, order 2, then by Korean name: 다음 before 카카오 T.
    expect(model.services.map((s) => s.id)).toEqual(['kakaotalk', 'kakaobank', 'daum', 'kakao-t']);
    expect(model.incidents.map((i) => i.slug)).toEqual(['fire', 'middle', 'old']);
    expect(model.site).toEqual({
      title: { ko: '카카오 서비스 상태', en: 'Kakao Service Status' },
      timezone: 'Asia/Seoul',
      defaultLocale: 'ko',
      locales: ['ko', 'en'],
      links: [],
      staleAfterMinutes: 15,
    });
  });

  test('the service keeps its features and its body as description', () => {
    const [talk] = buildModel(defaultFiles()).services;
    expect(talk).toMatchObject({
      id: 'kakaotalk',
      file: 'services/kakaotalk.md',
      name: { ko: '카카오톡', en: 'KakaoTalk' },
      description: '카카오의 메신저입니다.',
    });
    expect(talk?.features.map((f) => f.id)).toEqual(['messages', 'media', 'pc-login']);
  });

  test('an incident keeps its file, slug, body and every field', () => {
    const model = buildModel(
      contentWith(
        incidentFile(
          '2022/fire',
          incidentFields({
            impact: 'critical',
            affectedUsers: 90,
            affected: [
              {
                service: 'kakaotalk',
                status: 'partial_outage',
                features: { media: 'major_outage' },
                note: { ko: '텍스트 메시지는 송수신 가능, 사진·동영상 전송 불가' },
              },
            ],
          }),
          '## 원인\n\n데이터센터 화재',
        ),
      ),
    );
    expect(model.incidents[0]).toEqual({
      slug: 'fire',
      file: 'incidents/2022/fire.md',
      kind: 'incident',
      title: { ko: '카카오톡 메시지 장애', en: 'KakaoTalk messaging outage' },
      impact: 'critical',
      started: kst('2022-10-15T15:30'),
      resolved: undefined,
      scheduled: undefined,
      affected: [
        {
          service: 'kakaotalk',
          status: 'partial_outage',
          features: { media: 'major_outage' },
          note: { ko: '텍스트 메시지는 송수신 가능, 사진·동영상 전송 불가' },
        },
      ],
      updates: [],
      affectedUsers: 90,
      body: '## 원인\n\n데이터센터 화재',
    });
  });

  test('dotfiles, OS litter and editor backups are ignored, wherever they are', () => {
    const model = buildModel(
      contentWith(
        { path: '.DS_Store', text: '\u0000' },
        { path: '.git/config', text: '[core]' },
        { path: 'incidents/.DS_Store', text: '\u0000' },
        { path: 'incidents/2022/.fire.md.swp', text: '\u0000' },
        { path: 'incidents/2022/fire.md~', text: '---' },
        { path: 'incidents/2022/fire.md.bak', text: '---' },
        { path: 'incidents/#fire.md#', text: '---' },
        { path: 'incidents/Thumbs.db', text: '\u0000' },
        { path: 'services/desktop.ini', text: '' },
        { path: 'services/.gitkeep', text: '' },
        { path: '__MACOSX/incidents/._fire.md', text: '' },
      ),
    );
    expect(model.services).toHaveLength(2);
    expect(model.incidents).toEqual([]);
  });

  test('a resolved update alone sets resolved', () => {
    const model = buildModel(
      withIncident(
        incidentFields({
          updates: [message('2022-10-15T16:00', 'investigating'), message('2022-10-15T17:10', 'resolved')],
        }),
      ),
    );
    const [incident] = model.incidents;
    expect(incident?.resolved).toBe(kst('2022-10-15T17:10'));
    expect(incident?.updates.map((u) => [u.status, u.synthetic])).toEqual([
      ['investigating', undefined],
      ['resolved', undefined],
    ]);
  });

  test('a completed update ends a maintenance early', () => {
    const model = buildModel(withIncident(maintenanceFields({ updates: [message('2022-11-01T03:15', 'completed')] })));
    expect(model.incidents[0]?.resolved).toBe(kst('2022-11-01T03:15'));
  });

  test('a resolved field without a closing update gets a synthetic resolved update', () => {
    const model = buildModel(
      withIncident(
        incidentFields({ resolved: '2022-10-15T18:00', updates: [message('2022-10-15T16:00', 'investigating')] }),
      ),
    );
    expect(model.incidents[0]?.updates).toEqual([
      { at: kst('2022-10-15T16:00'), status: 'investigating', message: '복구 중입니다.', affected: undefined },
      { at: kst('2022-10-15T18:00'), status: 'resolved', message: '', synthetic: 'resolved' },
    ]);
  });

  test('a resolved field that agrees with the resolved update adds nothing', () => {
    const model = buildModel(
      withIncident(
        incidentFields({ resolved: '2022-10-15T18:00', updates: [message('2022-10-15T18:00', 'resolved')] }),
      ),
    );
    expect(model.incidents[0]?.updates).toHaveLength(1);
    expect(model.incidents[0]?.resolved).toBe(kst('2022-10-15T18:00'));
  });

  test.each([
    { kind: 'an incident', fields: incidentFields(), impact: 'minor', started: kst('2022-10-15T15:30') },
    { kind: 'a maintenance', fields: maintenanceFields(), impact: 'none', started: kst('2022-11-01T02:00') },
  ])('defaults of $kind: impact $impact, started', ({ fields, impact, started }) => {
    const [incident] = buildModel(withIncident(fields)).incidents;
    expect(incident?.impact).toBe(impact);
    expect(incident?.started).toBe(started);
    expect(incident?.updates).toEqual([]);
  });

  test('a maintenance may give its own started', () => {
    const [incident] = buildModel(withIncident(maintenanceFields({ started: '2022-11-01T01:50' }))).incidents;
    expect(incident?.started).toBe(kst('2022-11-01T01:50'));
  });

  test('an update may replace the affected list', () => {
    const model = buildModel(
      withIncident(
        incidentFields({
          updates: [
            {
              ...message('2022-10-16T08:00'),
              affected: [{ service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' } }],
            },
          ],
        }),
      ),
    );
    expect(model.incidents[0]?.updates[0]?.affected).toEqual([
      { service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' }, note: undefined },
    ]);
  });

  test.each([
    { site: {}, locales: ['ko', 'en'] },
    { site: { defaultLocale: 'en' }, locales: ['en', 'ko'] },
    { site: { defaultLocale: 'en', locales: ['ko'] }, locales: ['en', 'ko'] },
    { site: { locales: ['en', 'ko', 'en'] }, locales: ['ko', 'en'] },
    { site: { locales: undefined }, locales: ['ko', 'en'] },
  ])(
    'locales $site.locales with defaultLocale $site.defaultLocale: $locales, the default first',
    ({ site, locales }) => {
      const model = buildModel(contentWith(siteYaml(site)));
      expect(model.site.locales).toEqual(locales);
      expect(model.site.defaultLocale).toBe(locales[0]);
    },
  );

  test('site.yaml defaults: timezone Asia/Seoul, locale ko, no links', () => {
    const model = buildModel(contentWith({ path: 'site.yaml', text: 'title: 카카오 서비스 상태\n' }));
    expect(model.site).toEqual({
      title: '카카오 서비스 상태',
      timezone: 'Asia/Seoul',
      defaultLocale: 'ko',
      locales: ['ko', 'en'],
      links: [],
      staleAfterMinutes: 15,
    });
  });

  test('a time without offset is read in the site timezone, one with an offset exactly', () => {
    const model = buildModel(
      contentWith(
        siteYaml({ timezone: 'UTC' }),
        incidentFile('naive', incidentFields({ started: '2022-10-15T15:30' })),
        incidentFile('offset', incidentFields({ started: '2022-10-15T15:30+09:00' })),
      ),
    );
    const started = Object.fromEntries(model.incidents.map((i) => [i.slug, i.started]));
    expect(started).toEqual({ naive: Date.UTC(2022, 9, 15, 15, 30), offset: Date.UTC(2022, 9, 15, 6, 30) });
  });

  test('a plain-string text and a link are kept as written', () => {
    const model = buildModel(
      contentWith(
        siteYaml({
          title: '상태',
          description: '카카오 서비스',
          links: [{ label: '고객센터', url: 'https://cs.kakao.com' }],
        }),
      ),
    );
    expect(model.site).toMatchObject({
      title: '상태',
      description: '카카오 서비스',
      links: [{ label: '고객센터', url: 'https://cs.kakao.com' }],
    });
  });

  test('the loader of the sample content accepts it', () => {
    // Guards the builders themselves: the default folder is valid on its own.
    expect(parseContent(defaultFiles()).ok).toBe(true);
    expect(markdownFile('x.md', { a: 1 }).text).toBe('---\na: 1\n---\n\n');
  });
});

describe('postmortems', () => {
  test('a postmortem days later does not move the resolution time', () => {
    const model = buildModel(
      withIncident(
        incidentFields({
          resolved: '2022-10-15T18:00',
          updates: [message('2022-10-15T16:00', 'investigating'), message('2022-10-20T10:00', 'postmortem')],
        }),
      ),
    );
    const incident = model.incidents.find((i) => i.slug === 'bad');
    expect(incident?.resolved).toBe(kst('2022-10-15T18:00'));
    // The resolution gets its place in the timeline, before the postmortem.
    expect(incident?.updates.map((u) => [u.status, u.synthetic ?? false])).toEqual([
      ['investigating', false],
      ['resolved', 'resolved'],
      ['postmortem', false],
    ]);
  });
});

describe('getAllowedStates', () => {
  test.each([
    ['incident', ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']],
    ['maintenance', ['scheduled', 'in_progress', 'verifying', 'completed']],
  ] as const)('%s', (kind, states) => {
    expect(kind === 'incident' ? getAllowedStates(kind) : getAllowedStates(kind)).toEqual(states);
  });
});

test('formatProblem prints <file>: <field>: <message>', () => {
  expect(formatProblem({ file: 'incidents/a.md', field: 'affected[0].service', message: 'unknown service "x"' })).toBe(
    'incidents/a.md: affected[0].service: unknown service "x"',
  );
});

describe('ContentError, what the build prints', () => {
  test.each([
    [1, 'The content has 1 problem; no page was built:'],
    [2, 'The content has 2 problems; no page was built:'],
  ])('%i problem(s): a count, then one line each', (count, heading) => {
    const problems = [
      { file: 'incidents/a.md', field: 'impact', message: '"high" is not an impact' },
      { file: 'site.yaml', field: 'timezone', message: '"Asia/Seul" is not an IANA timezone' },
    ].slice(0, count);
    const error = new ContentError(problems);
    expect(error.message.split('\n')).toEqual([heading, ...problems.map(formatProblem)]);
    expect(error.problems).toEqual(problems);
    expect(error.name).toBe('ContentError');
  });
});

describe('every problem at once, and each only once', () => {
  test('a file with a schema error still has its service and feature references checked', () => {
    expect(
      problemLines(
        withIncident(
          incidentFields({
            impact: 'huge',
            affected: [{ service: 'kakaotalk', status: 'partial', features: { photo: 'major_outage' } }],
            updates: [{ ...message('2022-10-15T16:00'), affected: [{ service: 'kakaopay', status: 'major_outage' }] }],
          }),
        ),
      ),
    ).toEqual([
      'incidents/bad.md: impact: "huge" is not an impact; allowed: none, minor, major, critical',
      'incidents/bad.md: affected[0].status: "partial" is not a component status; allowed: operational, under_maintenance, degraded_performance, partial_outage, major_outage (did you mean "partial_outage"?)',
      'incidents/bad.md: affected[0].features.photo: unknown feature "photo" of service "kakaotalk"; its features: messages, media, pc-login',
      'incidents/bad.md: updates[0].affected[0].service: unknown service "kakaopay"; known services: kakaobank, kakaotalk (did you mean "kakaobank"?)',
    ]);
  });

  test('a broken service file is one problem, plus one line counting the incidents that name it', () => {
    const incidents = Array.from({ length: 14 }, (_, i) =>
      incidentFile(
        `2022/outage-${String(i).padStart(2, '0')}`,
        incidentFields({ affected: [{ service: 'kakaotalk', status: 'major_outage' }] }),
      ),
    );
    expect(
      problemLines([
        siteYaml(),
        { path: 'services/kakaotalk.md', text: '---\nname: [\n---\n' },
        KAKAOBANK,
        ...incidents,
      ]),
    ).toEqual([
      'services/kakaotalk.md: front matter: invalid YAML at line 3: unexpected end of the stream within a flow collection',
      'services/kakaotalk.md: (references): 14 incident files refer to service "kakaotalk" (first: incidents/2022/outage-00.md); they are checked against it once this file is fixed',
    ]);
  });

  test('a service file that is not UTF-8 counts as broken too', () => {
    expect(
      problemLines([
        siteYaml(),
        { path: 'services/kakaotalk.md', unreadable: { field: '(file)', message: 'not UTF-8; save it as UTF-8' } },
        KAKAOBANK,
        incidentFile('bad', incidentFields()),
      ]),
    ).toEqual([
      'services/kakaotalk.md: (file): not UTF-8; save it as UTF-8',
      'services/kakaotalk.md: (references): 1 incident file refers to service "kakaotalk" (first: incidents/bad.md); they are checked against it once this file is fixed',
    ]);
  });
});

describe('limits: at the limit is accepted', () => {
  test.each([
    ['a body of exactly 1 MiB', incidentFile('ok', incidentFields(), 'a'.repeat(1024 * 1024))],
    [
      'an update message of exactly 64 KiB',
      incidentFile(
        'ok',
        incidentFields({ updates: [{ ...message('2022-10-15T16:00'), message: 'a'.repeat(64 * 1024) }] }),
      ),
    ],
    ['quotes nested 32 deep', incidentFile('ok', incidentFields(), `${'>'.repeat(32)} 인용`)],
    [
      'a list nested 32 deep',
      incidentFile('ok', incidentFields(), Array.from({ length: 33 }, (_, i) => `${'  '.repeat(i)}- 항목`).join('\n')),
    ],
    ['64 emphasis markers in a row', incidentFile('ok', incidentFields(), `${'*'.repeat(64)}x`)],
    [
      'deep indentation inside a fenced code block',
      incidentFile('ok', incidentFields(), `\`\`\`\n${' '.repeat(400)}- x\n\`\`\``),
    ],
    ['an offset of +14:00', incidentFile('ok', incidentFields({ started: '2022-10-15T15:30+14:00' }))],
    ['an offset of -14:00', incidentFile('ok', incidentFields({ started: '2022-10-15T15:30-14:00' }))],
    [
      'a time just after the summer-time gap',
      incidentFile('ok', incidentFields({ started: '2022-10-15T15:30-04:00' })),
    ],
  ])('%s', (_, file) => {
    expect(parseContent(contentWith(file)).ok).toBe(true);
  });

  test.each([
    ['+14:01', '2022-10-15T15:30+14:01'],
    ['-14:01', '2022-10-15T15:30-14:01'],
    ['+09:60', '2022-10-15T15:30+09:60'],
  ])('an offset of %s is refused', (_, started) => {
    expect(problemLines(withIncident(incidentFields({ started })))).toEqual([
      expect.stringContaining('which is not a UTC offset; offsets go from -14:00 to +14:00 with minutes 00-59'),
    ]);
  });
});

describe('services: since, when tracking began', () => {
  const withSince = (since: unknown, site: Fields = {}) =>
    contentWith(siteYaml(site), serviceFile('kakaotalk', { name: '카카오톡', since }));
  const sinceOf = (files: ContentFile[]) => buildModel(files).services.find((s) => s.id === 'kakaotalk')?.since;

  test.each<[string, unknown, Fields, number]>([
    ['a bare date is the start of that day in the site timezone', '2020-01-01', {}, kst('2020-01-01T00:00')],
    ['a date-time without offset is read in the site timezone', '2020-01-01T09:30', {}, kst('2020-01-01T09:30')],
    ['a date-time with an offset is exact', '2020-01-01T00:00Z', {}, Date.UTC(2020, 0, 1)],
    [
      'a bare date in another site timezone',
      '2021-03-14',
      { timezone: 'America/New_York' },
      Date.parse('2021-03-14T00:00-05:00'),
    ],
    // Summer time began at midnight in Santiago: that day started at 01:00.
    [
      'a day whose midnight the clocks skipped',
      '2022-09-11',
      { timezone: 'America/Santiago' },
      Date.parse('2022-09-11T01:00-03:00'),
    ],
  ])('%s', (_, since, site, expected) => {
    expect(sinceOf(withSince(since, site))).toBe(expected);
  });

  test('without since, tracking has no start', () => {
    expect(buildModel(defaultFiles()).services.map((s) => s.since)).toEqual([undefined, undefined]);
  });

  test.each<[string, unknown, Fields, string]>([
    [
      'an impossible month',
      '2020-13-01',
      {},
      '"2020-13-01" is not a calendar date; expected a date such as 2020-01-01',
    ],
    ['an impossible day', '2021-02-29', {}, '"2021-02-29" is not a calendar date'],
    [
      'not a date',
      'yesterday',
      {},
      '"yesterday" is not a date-time; expected a date such as 2020-01-01 (the start of that day) or an ISO 8601 date-time',
    ],
    [
      'a bare year',
      2020,
      {},
      'expected a date such as 2020-01-01 (the start of that day) or an ISO 8601 date-time such as 2022-10-15T15:30 (read in the site timezone) or 2022-10-15T15:30+09:00, got 2020',
    ],
    [
      'a time in the summer-time gap',
      '2021-03-14T02:30',
      { timezone: 'America/New_York' },
      'does not exist in America/New_York',
    ],
  ])('%s is refused, naming the field', (_, since, site, mentions) => {
    const lines = problemLines(withSince(since, site));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('services/kakaotalk.md: since: ');
    expect(lines[0]).toContain(mentions);
  });
});

// The CLI validates a folder, then the same folder with its edit: unchanged incident files are
// parsed once, but only for as long as what they are checked against is the same.
describe('parseContent called again', () => {
  const fire = incidentFile(
    '2022/fire',
    incidentFields({
      affected: [{ service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' } }],
    }),
  );
  const other = incidentFile('2022/other', incidentFields({ title: { ko: '다른 장애', en: 'Another outage' } }));

  test('reuses the incidents of unchanged files, and parses a changed one', () => {
    const first = buildModel(contentWith(fire, other));
    const changed = incidentFile('2022/other', incidentFields({ title: { ko: '고친 제목', en: 'Edited' } }));
    const second = buildModel(contentWith(fire, changed));
    const bySlug = (model: typeof first, slug: string) => model.incidents.find((i) => i.slug === slug);
    expect(bySlug(second, 'fire')).toBe(bySlug(first, 'fire'));
    expect(bySlug(second, 'other')?.title).toEqual({ ko: '고친 제목', en: 'Edited' });
  });

  test('checks an unchanged file again when a service it names loses the feature it uses', () => {
    expect(buildModel(contentWith(fire)).incidents).toHaveLength(1);
    const withoutMedia = serviceFile('kakaotalk', {
      name: { ko: '카카오톡', en: 'KakaoTalk' },
      features: [{ id: 'messages', name: { ko: '메시지 송수신', en: 'Messages' } }],
    });
    expect(problemLines(contentWith(fire, withoutMedia))).toEqual([
      expect.stringContaining('incidents/2022/fire.md: affected[0].features.media: '),
    ]);
  });

  test('reads an unchanged file again in another timezone', () => {
    const seoul = buildModel(contentWith(fire)).incidents[0]?.started;
    const utc = buildModel(contentWith(fire, siteYaml({ timezone: 'UTC' }))).incidents[0]?.started;
    expect(seoul).toBe(kst('2022-10-15T15:30'));
    expect(utc).toBe(Date.UTC(2022, 9, 15, 15, 30));
  });

  test('a file with a problem is reported again every time', () => {
    const bad = incidentFile('2022/bad', incidentFields({ impact: 'huge' }));
    const once = problemLines(contentWith(bad));
    expect(once).toHaveLength(1);
    expect(problemLines(contentWith(bad))).toEqual(once);
  });
});
