/**
 * getStateTimeline as a sweep: the same segments as the straightforward
 * algorithm it replaced (kept below as `referenceTimeline`), on the sample
 * content and on a few hundred seeded random models, but linear in the number
 * of incidents instead of quadratic.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadContentModel } from '../../src/data/read-content.ts';
import type { Incident, Service, StatusModel } from '../../src/lib/model.ts';
import { getIncidentSnapshot, getServiceStates, type IncidentSnapshot } from '../../src/lib/status.ts';
import type { Instant } from '../../src/lib/time.ts';
import { getStateTimeline, type StateSegment, type UptimeTarget } from '../../src/lib/uptime.ts';
import { COMPONENT_STATUSES, worstOf, type ComponentStatus } from '../../src/lib/vocabulary.ts';
import {
  buildModel,
  contentWith,
  incidentFields,
  incidentFile,
  kst,
  maintenanceFields,
  siteYaml,
  type Fields,
} from './builders.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------
// The reference: the algorithm getStateTimeline had before the sweep, ported
// as it was (quadratic: at every change instant of any incident, every
// incident's snapshot). The new one must give exactly its output.
// ---------------------------------------------------------------------------

/** The old getStateTimeline, kept as the reference the sweep is compared against. */
function referenceTimeline(
  model: StatusModel,
  target: UptimeTarget,
  now: Instant,
  { from = Number.NEGATIVE_INFINITY }: { from?: Instant } = {},
): StateSegment[] {
  const service = model.services.find((s) => s.id === target.service);
  if (!service) throw new RangeError(`unknown service "${target.service}"`);
  const { feature } = target;
  if (feature !== undefined && !service.features.some((f) => f.id === feature)) {
    throw new RangeError(`unknown feature "${feature}" of service "${service.id}"`);
  }
  const incidents = model.incidents
    .filter(
      (incident) =>
        incident.started < now && referenceMentions(incident, service.id) && referenceMayCountFrom(incident, from),
    )
    .sort((a, b) => a.started - b.started);

  const changes = new Set<Instant>([now]);
  for (const incident of incidents) {
    const { started, resolved, scheduled, updates } = incident;
    for (const at of [started, resolved, scheduled?.start, scheduled?.end, ...updates.map((u) => u.at)]) {
      if (at !== undefined && at < now) changes.add(at);
    }
  }
  const instants = [...changes].sort((a, b) => a - b);

  const segments: StateSegment[] = [];
  instants.forEach((from, i) => {
    const to = instants[i + 1];
    if (to === undefined) return;
    const active = incidents
      .filter((incident) => incident.started <= from && !(incident.resolved !== undefined && incident.resolved <= from))
      .map((incident) => getIncidentSnapshot(incident, from))
      .filter((snapshot): snapshot is IncidentSnapshot => snapshot?.isActive === true);
    const contributions = active.map((snapshot) => ({
      slug: snapshot.incident.slug,
      status: referenceTargetStatus(service, feature, snapshot),
    }));
    const status = worstOf(
      COMPONENT_STATUSES,
      contributions.map((c) => c.status),
    );
    if (status === 'operational') return;
    const slugs = contributions.filter((c) => c.status !== 'operational').map((c) => c.slug);
    const last = segments.at(-1);
    if (last?.to === from && last.status === status && last.incidents.join('\n') === slugs.join('\n')) {
      last.to = to;
    } else {
      segments.push({ from, to, status, incidents: slugs });
    }
  });
  return segments;
}

function referenceMentions(incident: Incident, serviceId: string): boolean {
  const lists = [incident.affected, ...incident.updates.map((u) => u.affected ?? [])];
  return lists.some((list) => list.some((entry) => entry.service === serviceId));
}

function referenceTargetStatus(
  service: Service,
  feature: string | undefined,
  snapshot: IncidentSnapshot,
): ComponentStatus {
  const [state] = getServiceStates([service], [snapshot]);
  if (!state) return 'operational';
  if (feature === undefined) return state.status;
  return state.features.find((f) => f.feature.id === feature)?.status ?? 'operational';
}

function referenceMayCountFrom(incident: Incident, from: Instant): boolean {
  if (from === Number.NEGATIVE_INFINITY) return true;
  const { started, resolved, scheduled, updates } = incident;
  const instants = [started, resolved, scheduled?.start, scheduled?.end, ...updates.map((u) => u.at)];
  if (instants.some((at) => at !== undefined && at > from)) return true;
  return getIncidentSnapshot(incident, from)?.isActive === true;
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

/** The service and every feature of every service of the model. */
function targetsOf(model: StatusModel): UptimeTarget[] {
  return model.services.flatMap((service) => [
    { service: service.id },
    ...service.features.map((f) => ({ service: service.id, feature: f.id })),
  ]);
}

/** Small seeded PRNG (mulberry32, as in scripts/bench/generate.mjs): the same seed, the same models. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Random {
  /** A whole number from 0 to `n − 1`. */
  int: (n: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(list: readonly T[]) => T;
}

function createPicker(seed: number): Random {
  const next = createRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  return {
    int,
    chance: (p) => next() < p,
    pick: <T>(list: readonly T[]): T => {
      const value = list[int(list.length)];
      if (value === undefined) throw new Error('empty list');
      return value;
    },
  };
}

/** Naive KST wall clock of an instant, as operators write it. */
function wallClock(instant: Instant): string {
  return new Date(instant + 9 * HOUR).toISOString().slice(0, 16);
}

/** The default services of builders.ts and their features. */
const FEATURES: Record<string, readonly string[]> = {
  kakaotalk: ['messages', 'media', 'pc-login'],
  kakaobank: ['deposit', 'transfer'],
};
const SERVICE_IDS = Object.keys(FEATURES);

/** A random affected list: one or both services, some with a features map (statuses may be `operational`). */
function randomAffected(random: Random, maintenance: boolean): Fields[] {
  const ids = random.chance(0.5) ? [random.pick(SERVICE_IDS)] : SERVICE_IDS;
  return ids.map((service) => {
    const status = maintenance && random.chance(0.7) ? 'under_maintenance' : random.pick(COMPONENT_STATUSES);
    const entry: Fields = { service, status };
    if (random.chance(0.4)) {
      const features = (FEATURES[service] ?? []).filter(() => random.chance(0.5));
      entry.features = Object.fromEntries(features.map((f) => [f, random.pick(COMPONENT_STATUSES)]));
    }
    return entry;
  });
}

/**
 * A random incident in the days after `base`, on a 30-minute grid so that
 * instants of different incidents often coincide: open or resolved (by the
 * field or by a `resolved` update), with updates, some replacing `affected`.
 */
function randomIncident(random: Random, base: Instant): Fields {
  const started = base + random.int(8 * 48) * 30 * MINUTE;
  const duration = random.int(24) * 30 * MINUTE;
  const open = random.chance(0.25);
  const updates: Fields[] = [];
  const count = random.int(4);
  const ats = Array.from({ length: count }, () => started + random.int(duration + 30 * MINUTE)).sort((a, b) => a - b);
  for (const at of ats) {
    const update: Fields = {
      at: wallClock(open || at < started + duration ? at : started + duration),
      status: random.pick(['investigating', 'identified', 'monitoring']),
      message: '공지',
    };
    if (random.chance(0.5)) update.affected = randomAffected(random, false);
    updates.push(update);
  }
  const fields: Fields = { started: wallClock(started), affected: randomAffected(random, false), updates };
  if (!open) {
    if (random.chance(0.5)) fields.resolved = wallClock(started + duration);
    else updates.push({ at: wallClock(started + duration), status: 'resolved', message: '해결' });
    if (random.chance(0.2))
      updates.push({ at: wallClock(started + duration + HOUR), status: 'postmortem', message: '보고' });
  }
  return incidentFields(fields);
}

/**
 * A random maintenance: a window, maybe announced before it, maybe with an
 * explicit `started`, maybe completed early or late.
 */
function randomMaintenance(random: Random, base: Instant): Fields {
  const start = base + random.int(8 * 48) * 30 * MINUTE;
  const end = start + (1 + random.int(12)) * 30 * MINUTE;
  const started = random.chance(0.2) ? start + random.int(4) * 30 * MINUTE : undefined;
  const updates: Fields[] = [];
  if (random.chance(0.5))
    updates.push({ at: wallClock(start - random.int(48) * HOUR), status: 'scheduled', message: '예정' });
  if (random.chance(0.5)) {
    updates.push({
      at: wallClock(Math.max(start, started ?? start)),
      status: 'in_progress',
      message: '진행',
      ...(random.chance(0.5) ? { affected: randomAffected(random, true) } : {}),
    });
  }
  if (random.chance(0.3)) {
    const at = end + (random.int(5) - 3) * 30 * MINUTE;
    updates.push({ at: wallClock(Math.max(at, started ?? start, start)), status: 'completed', message: '완료' });
  }
  return maintenanceFields({
    scheduled: { start: wallClock(start), end: wallClock(end) },
    started: started === undefined ? undefined : wallClock(started),
    affected: randomAffected(random, true),
    updates,
  });
}

/** A model of `count` random incidents and maintenance, `i0`, `i1`, … */
function randomModel(random: Random, count: number, base: Instant): StatusModel {
  const files = Array.from({ length: count }, (_, i) =>
    incidentFile(`i${i}`, random.chance(0.3) ? randomMaintenance(random, base) : randomIncident(random, base)),
  );
  return buildModel(contentWith(siteYaml(), ...files));
}

/**
 * `count` incidents crowded into 2023, all on KakaoTalk: 5 minutes to 3 days
 * long, some with updates that change the state, one in fifty still open.
 */
function crowdedModel(count: number): StatusModel {
  const random = createPicker(count);
  const year = kst('2023-01-01T00:00');
  const files = Array.from({ length: count }, (_, i) => {
    const started = year + random.int(365 * 24 * 60) * MINUTE;
    const duration = (5 + random.int(3 * 24 * 60)) * MINUTE;
    const updates = [
      {
        at: wallClock(started + Math.floor(duration / 2 / MINUTE) * MINUTE),
        status: 'monitoring',
        message: '공지',
        affected: [{ service: 'kakaotalk', status: 'partial_outage', features: { media: 'major_outage' } }],
      },
    ];
    return incidentFile(
      `c${i}`,
      incidentFields({
        started: wallClock(started),
        resolved: random.chance(0.02) ? undefined : wallClock(started + duration),
        affected: [{ service: 'kakaotalk', status: random.pick(['degraded_performance', 'major_outage']) }],
        updates,
      }),
    );
  });
  return buildModel(contentWith(...files));
}

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe('the sample content: the same segments as the reference', () => {
  const sample = loadContentModel(fileURLToPath(new URL('../../content', import.meta.url)), { fresh: true });
  const targets = targetsOf(sample);

  test.each([
    ['during the 2022-10-15 fire', Date.parse('2022-10-16T03:00+09:00')],
    ['after the fire', kst('2022-12-31T18:00')],
    ['2024-05-21 09:00 KST', kst('2024-05-21T09:00')],
    ['2026-11-22 12:00 KST', kst('2026-11-22T12:00')],
  ])('%s, every service and feature, whole and bounded', (_, now) => {
    expect(targets.length).toBeGreaterThan(4);
    for (const target of targets) {
      const name = `${target.service}/${target.feature ?? '*'}`;
      expect(getStateTimeline(sample, target, now), name).toEqual(referenceTimeline(sample, target, now));
      for (const from of [now - 365 * DAY, now - 30 * DAY, kst('2022-10-17T00:00')]) {
        expect(getStateTimeline(sample, target, now, { from }), `${name} from ${wallClock(from)}`).toEqual(
          referenceTimeline(sample, target, now, { from }),
        );
      }
    }
  });

  test('the fire as seen during it: KakaoTalk down since 15:30', () => {
    const now = Date.parse('2022-10-16T03:00+09:00');
    expect(getStateTimeline(sample, { service: 'kakaotalk' }, now)).toEqual(
      referenceTimeline(sample, { service: 'kakaotalk' }, now),
    );
    expect(getStateTimeline(sample, { service: 'kakaotalk' }, now).at(-1)).toMatchObject({ to: now });
  });
});

/** One comparison: a model, a target, a `now` and the options. */
interface Case {
  model: StatusModel;
  target: UptimeTarget;
  now: Instant;
  options: { from?: Instant };
}

/**
 * The comparisons of one seed: a model of 2 to 13 incidents and maintenance,
 * three `now`s (on the 30-minute grid, off it, after everything), each whole
 * and with two `from` bounds, for every service and feature.
 */
function casesOf(seed: number): Case[] {
  const base = kst('2023-03-01T00:00');
  const random = createPicker(seed);
  const model = randomModel(random, 2 + random.int(12), base);
  const nows = [base + random.int(10 * 48) * 30 * MINUTE, base + random.int(10 * 48 * 30) * MINUTE, base + 30 * DAY];
  return nows.flatMap((now) => {
    const froms = [undefined, now - random.int(10 * 48) * 30 * MINUTE, base + random.int(10 * 48) * 30 * MINUTE];
    return froms.flatMap((from) =>
      targetsOf(model).map((target) => ({ model, target, now, options: from === undefined ? {} : { from } })),
    );
  });
}

describe('random models: the same segments as the reference', () => {
  const seeds = Array.from({ length: 300 }, (_, i) => i + 1);

  test.each(seeds)('seed %i', (seed) => {
    for (const { model, target, now, options } of casesOf(seed)) {
      const name = `${target.service}/${target.feature ?? '*'} at ${wallClock(now)} from ${String(options.from)}`;
      expect(getStateTimeline(model, target, now, options), name).toEqual(
        referenceTimeline(model, target, now, options),
      );
    }
  });

  test('the random models are not trivial: most timelines have spans, many with overlapping incidents', () => {
    const timelines = seeds.flatMap(casesOf).map((c) => getStateTimeline(c.model, c.target, c.now, c.options));
    expect(timelines).toHaveLength(300 * 3 * 3 * 7);
    const share = (count: number) => count / timelines.length;
    expect(share(timelines.filter((t) => t.length > 0).length)).toBeGreaterThan(0.5);
    expect(share(timelines.filter((t) => t.some((s) => s.incidents.length > 1)).length)).toBeGreaterThan(0.1);
    // Maintenance and outages both make spans.
    const segments = timelines.flat();
    expect(segments.some((s) => s.status === 'under_maintenance')).toBe(true);
    expect(segments.some((s) => s.status === 'major_outage')).toBe(true);
  });
});

describe('incidents crowded into one year', () => {
  // Figures, not a gate (shared, noisy machines): only the outputs are compared.
  test('1,000 and 4,000: old and new times, the same segments for 1,000', { timeout: 600_000 }, () => {
    const now = kst('2024-01-01T00:00');
    for (const count of [1000, 4000]) {
      const model = crowdedModel(count);
      for (const target of [{ service: 'kakaotalk' }, { service: 'kakaotalk', feature: 'media' }]) {
        const [actual, sweep] = timed(() => getStateTimeline(model, target, now));
        const [expected, reference] = timed(() => referenceTimeline(model, target, now));
        const name = `${target.service}/${target.feature ?? '*'}`;
        console.log(
          `${count} incidents in one year, ${name}: reference ${reference.toFixed(0)} ms, sweep ${sweep.toFixed(1)} ms (${actual.length} segments)`,
        );
        if (count === 1000) expect(actual).toEqual(expected);
      }
    }
  });
});
