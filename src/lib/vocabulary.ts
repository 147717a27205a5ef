/**
 * The status vocabularies, in the words of the Statuspage public API v2 so its
 * clients understand our output unchanged.
 * @see https://developer.statuspage.io/ (component, incident and maintenance status enums)
 *
 * Every list is ordered mildest first: the position of a word is its severity,
 * and {@link worstOf} is the one rule that combines them everywhere (services,
 * features, groups, the overall indicator, feeds, JSON).
 */

/** Component status, mildest first. */
export const COMPONENT_STATUSES = [
  'operational',
  'under_maintenance',
  'degraded_performance',
  'partial_outage',
  'major_outage',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Incident impact and overall indicator (`status.indicator`), mildest first. */
export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

/** States of an incident's timeline, in the order they normally happen. */
export const INCIDENT_STATES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** States of a maintenance's timeline, in the order they normally happen. */
export const MAINTENANCE_STATES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceState = (typeof MAINTENANCE_STATES)[number];

export const INCIDENT_KINDS = ['incident', 'maintenance'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** Any state an incident or maintenance update can carry. */
export type UpdateState = IncidentState | MaintenanceState;

/** Update states that close an incident (`resolved`) or a maintenance (`completed`). */
export const CLOSING_STATES: ReadonlySet<UpdateState> = new Set(['resolved', 'postmortem', 'completed']);

/**
 * The most severe of `values` according to the ordered `vocabulary`; `fallback`
 * (the mildest word unless given) when there are none.
 * @example
 * worstOf(COMPONENT_STATUSES, ['partial_outage', 'degraded_performance']) // 'partial_outage'
 * worstOf(IMPACTS, []) // 'none'
 */
export function worstOf<T extends string>(
  vocabulary: readonly [T, ...T[]],
  values: Iterable<T>,
  fallback: T = vocabulary[0],
): T {
  let worst = fallback;
  let worstRank = vocabulary.indexOf(fallback);
  for (const value of values) {
    const rank = vocabulary.indexOf(value);
    if (rank > worstRank) {
      worst = value;
      worstRank = rank;
    }
  }
  return worst;
}

/** Severity rank of a component status: 0 for `operational`, 4 for `major_outage`. */
export function getSeverity(status: ComponentStatus): number {
  return COMPONENT_STATUSES.indexOf(status);
}
