/**
 * Small texts built from values: durations and the like, in the reader's locale.
 */
import type { Translate } from './i18n/translate.ts';
import { getDurationParts, type Instant } from './time.ts';

/**
 * `5일 7시간 30분` / `5 d 7 h 30 min`; zero parts are left out, and a span
 * under a minute is `0분`.
 */
export function formatDuration(from: Instant, to: Instant, t: Translate): string {
  const { days, hours, minutes } = getDurationParts(from, to);
  const parts: string[] = [];
  if (days > 0) parts.push(t('duration.days', { n: days }));
  if (hours > 0) parts.push(t('duration.hours', { n: hours }));
  if (minutes > 0 || parts.length === 0) parts.push(t('duration.minutes', { n: minutes }));
  return parts.join(' ');
}
