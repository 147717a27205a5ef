/**
 * What an edit that only adds lines added: the check behind "the CLI leaves
 * the other lines of the file byte-identical".
 */
import { expect } from 'vitest';

/**
 * The lines of `after` that are not the lines of `before` in order. Fails
 * unless every line of `before` is still there, unchanged and in order.
 */
export function addedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of after.split('\n')) {
    if (i < old.length && line === old[i]) i += 1;
    else added.push(line);
  }
  expect(i, 'every line of the file before the edit is still there, unchanged and in order').toBe(old.length);
  return added;
}
