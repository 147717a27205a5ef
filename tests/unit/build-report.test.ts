/**
 * The build says what it leaves out (SPEC.md): content dated after the
 * build's moment is not shown, and one warning names it.
 */
import { describe, expect, test } from 'vitest';
import { describeHiddenContent, getHiddenContent } from '../../src/lib/build-report.ts';
import { buildModel, contentWith, incidentFields, incidentFile, kst, maintenanceFields } from './builders.ts';

const say = (at: string, status: string) => ({ at, status, message: '공지' });

const model = buildModel(
  contentWith(
    incidentFile(
      '2022/fire',
      incidentFields({ updates: [say('2022-10-15T15:50', 'investigating'), say('2022-10-15T20:30', 'identified')] }),
    ),
    // A mistyped year: 2032 for 2022.
    incidentFile('2022/typo', incidentFields({ started: '2032-10-16T09:00' })),
    incidentFile('2023/later', incidentFields({ started: '2023-01-17T14:09' })),
    incidentFile(
      'announced',
      maintenanceFields({ updates: [say('2022-10-25T10:00', 'scheduled')] }), // window 2022-11-01
    ),
    // Without updates a maintenance is always known: nothing dates its announcement.
    incidentFile('quiet', maintenanceFields({ scheduled: { start: '2022-12-01T02:00', end: '2022-12-01T04:00' } })),
  ),
);

describe('getHiddenContent', () => {
  test.each([
    { at: '2022-10-15T17:00', unknown: 3, later: 1 },
    { at: '2022-10-26T00:00', unknown: 2, later: 0 },
    { at: '2040-01-01T00:00', unknown: 0, later: 0 },
  ])('at $at: $unknown not known yet, $later later update(s)', ({ at, unknown, later }) => {
    const hidden = getHiddenContent(model, kst(at));
    expect(hidden.unknown).toHaveLength(unknown);
    expect(hidden.laterUpdates).toBe(later);
  });

  test('soonest first, so the first files named are the next to appear', () => {
    expect(getHiddenContent(model, kst('2022-10-15T17:00')).unknown.map((i) => i.slug)).toEqual([
      'announced',
      'later',
      'typo',
    ]);
  });
});

describe('describeHiddenContent', () => {
  test('one line: how many, the first files with when they appear, and the hidden updates', () => {
    const at = kst('2022-10-15T17:00');
    expect(describeHiddenContent(getHiddenContent(model, at), at, 'Asia/Seoul', true)).toBe(
      '3 incidents or maintenance are not known yet at 2022-10-15 17:00 KST (STATUS_NOW) and not shown: ' +
        'incidents/announced.md (2022-10-25 10:00 KST), ' +
        'incidents/2023/later.md (2023-01-17 14:09 KST), incidents/2022/typo.md (2032-10-16 09:00 KST); ' +
        '1 later update of shown incidents is hidden.',
    );
  });

  test('past five files it counts the rest', () => {
    const many = buildModel(
      contentWith(
        ...Array.from({ length: 8 }, (_, i) =>
          incidentFile(`future-${i}`, incidentFields({ started: `2030-01-0${i + 1}T00:00` })),
        ),
      ),
    );
    const at = kst('2026-12-01T09:00');
    expect(describeHiddenContent(getHiddenContent(many, at), at, 'Asia/Seoul', false)).toMatch(
      /^8 incidents or maintenance are not known yet at 2026-12-01 09:00 KST \(the build's clock\) and not shown: incidents\/future-0\.md .*incidents\/future-4\.md \(2030-01-05 00:00 KST\), and 3 more\.$/,
    );
  });

  test('only later updates', () => {
    const at = kst('2022-10-15T17:00');
    const fireOnly = buildModel(
      contentWith(
        incidentFile(
          'fire',
          incidentFields({
            updates: [say('2022-10-15T15:50', 'investigating'), say('2022-10-15T20:30', 'identified')],
          }),
        ),
      ),
    );
    expect(describeHiddenContent(getHiddenContent(fireOnly, at), at, 'Asia/Seoul', true)).toBe(
      '1 later update of shown incidents is hidden as of 2022-10-15 17:00 KST (STATUS_NOW).',
    );
  });

  test('nothing hidden: no warning', () => {
    const at = kst('2040-01-01T00:00');
    expect(describeHiddenContent(getHiddenContent(model, at), at, 'Asia/Seoul', false)).toBeUndefined();
  });
});
