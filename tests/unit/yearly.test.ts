/**
 * A service's record by year (issue 9): incidents by the year they began in
 * the site timezone, downtime as the uptime engine counts it within the
 * year, MTTR over resolved incidents, the longest incident; as known at `now`.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadContentModel } from '../../src/data/read-content.ts';
import type { StatusModel } from '../../src/lib/model.ts';
import { getYearlyStats, type YearStats } from '../../src/lib/yearly.ts';
import {
  buildModel,
  contentWith,
  incidentFields,
  incidentFile,
  kst,
  maintenanceFields,
  serviceFile,
  siteYaml,
  type Fields,
} from './builders.ts';

const TZ = 'Asia/Seoul';

function modelWith(incidents: Fields[], extra: Parameters<typeof contentWith> = []): StatusModel {
  return buildModel(
    contentWith(...extra, ...incidents.map((fields, i) => incidentFile(String.fromCharCode(97 + i), fields))),
  );
}

/** A resolved KakaoTalk incident in one state. */
const outage = (started: string, resolved: string | undefined, status = 'major_outage', extra: Fields = {}) =>
  incidentFields({ started, resolved, affected: [{ service: 'kakaotalk', status }], ...extra });

/** `[year, incidents, open, downtime, mttr, longest slug, longest minutes]`, minutes rounded to 0.001. */
function rows(years: YearStats[]) {
  const r = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 1000) / 1000);
  return years.map((y) => [
    y.year,
    y.incidents,
    y.open,
    r(y.downtimeMinutes),
    r(y.mttrMinutes),
    y.longest?.slug,
    r(y.longest?.minutes),
  ]);
}

describe('getYearlyStats', () => {
  test('counts, downtime (major + 0.3 × partial), MTTR and the longest, with empty years in between', () => {
    const model = modelWith([
      outage('2021-05-05T21:00', '2021-05-05T23:00'),
      outage('2023-03-01T10:00', '2023-03-01T11:00'),
      outage('2023-07-01T10:00', '2023-07-01T10:30', 'partial_outage'),
    ]);
    expect(rows(getYearlyStats(model, 'kakaotalk', kst('2024-03-01T00:00'), TZ))).toEqual([
      [2021, 1, 0, 120, 120, 'a', 120],
      [2022, 0, 0, 0, undefined, undefined, undefined],
      // 60 + 0.3 × 30 = 69 minutes; MTTR (60 + 30) / 2 = 45.
      [2023, 2, 0, 69, 45, 'b', 60],
      [2024, 0, 0, 0, undefined, undefined, undefined],
    ]);
  });

  test('overlapping incidents: the downtime is merged, each still counts as an incident', () => {
    // a: 10:00-12:00 major; b: 11:00-13:00 partial. Major 10-12 (120), partial only 12-13 (0.3 × 60).
    const model = modelWith([
      outage('2023-03-01T10:00', '2023-03-01T12:00'),
      outage('2023-03-01T11:00', '2023-03-01T13:00', 'partial_outage'),
    ]);
    expect(rows(getYearlyStats(model, 'kakaotalk', kst('2023-12-31T00:00'), TZ))).toEqual([
      [2023, 2, 0, 138, 120, 'a', 120],
    ]);
  });

  test('an incident across midnight of 1 January (KST) counts in the year it began; its minutes where they fall', () => {
    const model = modelWith([outage('2022-12-31T23:00', '2023-01-01T01:00')]);
    expect(rows(getYearlyStats(model, 'kakaotalk', kst('2023-06-01T00:00'), TZ))).toEqual([
      [2022, 1, 0, 60, 120, 'a', 120],
      [2023, 0, 0, 60, undefined, undefined, undefined],
    ]);
  });

  test('years are calendar years of the site timezone, not of UTC', () => {
    // 2023-01-01 08:00 KST is 2022-12-31 23:00 UTC.
    const files = [outage('2023-01-01T08:00+09:00', '2023-01-01T08:30+09:00')];
    const now = kst('2023-06-01T00:00');
    expect(rows(getYearlyStats(modelWith(files), 'kakaotalk', now, TZ)).map((r) => r.slice(0, 2))).toEqual([[2023, 1]]);
    const utc = modelWith(files, [siteYaml({ timezone: 'UTC' })]);
    expect(rows(getYearlyStats(utc, 'kakaotalk', now, 'UTC')).map((r) => r.slice(0, 2))).toEqual([
      [2022, 1],
      [2023, 0],
    ]);
  });

  test('an incident open at `now`: counted and open, not in MTTR, the longest so far, down until now', () => {
    const model = modelWith([outage('2024-05-01T10:00', '2024-05-01T10:30'), outage('2024-05-02T10:00', undefined)]);
    expect(rows(getYearlyStats(model, 'kakaotalk', kst('2024-05-02T13:00'), TZ))).toEqual([
      [2024, 2, 1, 210, 30, 'b', 180],
    ]);
    expect(getYearlyStats(model, 'kakaotalk', kst('2024-05-02T13:00'), TZ)[0]?.longest?.open).toBe(true);
  });

  test('as of `now`: a resolution announced later is not known yet', () => {
    const model = modelWith([outage('2024-05-01T10:00', '2024-05-01T14:00')]);
    expect(rows(getYearlyStats(model, 'kakaotalk', kst('2024-05-01T12:00'), TZ))).toEqual([
      [2024, 1, 1, 120, undefined, 'a', 120],
    ]);
  });

  test('maintenance is not an incident and is not downtime, but its year is in the record', () => {
    const model = modelWith([
      maintenanceFields({
        affected: [{ service: 'kakaotalk', status: 'under_maintenance' }],
        scheduled: { start: '2023-11-01T02:00', end: '2023-11-01T04:00' },
      }),
    ]);
    expect(rows(getYearlyStats(model, 'kakaotalk', kst('2024-02-01T00:00'), TZ))).toEqual([
      [2023, 0, 0, 0, undefined, undefined, undefined],
      [2024, 0, 0, 0, undefined, undefined, undefined],
    ]);
  });

  test("another service's incident does not count; one that spread to the service does, once known", () => {
    const spread = incidentFields({
      started: '2023-03-01T10:00',
      resolved: '2023-03-01T12:00',
      affected: [{ service: 'kakaobank', status: 'major_outage' }],
      updates: [
        {
          at: '2023-03-01T11:00',
          status: 'identified',
          message: '카카오톡도 영향',
          affected: [
            { service: 'kakaobank', status: 'major_outage' },
            { service: 'kakaotalk', status: 'partial_outage' },
          ],
        },
      ],
    });
    const model = modelWith([spread]);
    expect(rows(getYearlyStats(model, 'kakaotalk', kst('2023-03-01T10:30'), TZ))).toEqual([
      [2023, 0, 0, 0, undefined, undefined, undefined],
    ]);
    // From 11:00, partial until 12:00: 0.3 × 60 = 18 minutes; the incident lasted 120.
    expect(rows(getYearlyStats(model, 'kakaotalk', kst('2023-12-01T00:00'), TZ))).toEqual([
      [2023, 1, 0, 18, 120, 'a', 120],
    ]);
  });

  test('the years start at `since` when tracking began before the first incident', () => {
    const tracked = serviceFile('kakaotalk', {
      name: { ko: '카카오톡', en: 'KakaoTalk' },
      order: 1,
      since: '2021-06-01',
    });
    const model = modelWith([outage('2023-03-01T10:00', '2023-03-01T11:00')], [tracked]);
    expect(getYearlyStats(model, 'kakaotalk', kst('2023-12-01T00:00'), TZ).map((y) => y.year)).toEqual([
      2021, 2022, 2023,
    ]);
  });

  test('a service without incidents has the year of `now` alone; an unknown one throws', () => {
    const model = modelWith([]);
    expect(rows(getYearlyStats(model, 'kakaobank', kst('2024-06-01T00:00'), TZ))).toEqual([
      [2024, 0, 0, 0, undefined, undefined, undefined],
    ]);
    expect(() => getYearlyStats(model, 'nope', kst('2024-06-01T00:00'), TZ)).toThrow(RangeError);
  });
});

describe('the sample content, KakaoTalk, as of 2024-06-01 12:00 KST', () => {
  const model = loadContentModel(fileURLToPath(new URL('../../content', import.meta.url)), { fresh: true });
  const years = getYearlyStats(model, 'kakaotalk', kst('2024-06-01T12:00'), TZ);

  test('2020 to 2024, with the incident counts of the sample', () => {
    expect(years.map((y) => [y.year, y.incidents, y.open])).toEqual([
      [2020, 3, 0],
      [2021, 2, 0],
      [2022, 1, 0],
      [2023, 1, 0],
      [2024, 3, 0],
    ]);
  });

  test('2022: the fire is the longest incident, 5 d 7 h 30 min (7,650 minutes), and the MTTR', () => {
    const fire = years.find((y) => y.year === 2022);
    expect(fire?.longest).toEqual({ slug: '2022-10-15-pangyo-datacenter-fire', minutes: 7650, open: false });
    expect(fire?.mttrMinutes).toBe(7650);
  });
});
