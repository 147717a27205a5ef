/**
 * The terminal side of the CLI's questions, with @inquirer/prompts (a
 * maintained prompt library: line editing, arrow keys, Ctrl-C, completion).
 * A single choice (a status word) is a search prompt: typing filters the
 * list, so `maj` completes to `major_outage · 전면 장애`. Several choices
 * (services, features) are a checkbox list when it fits on a screen, and
 * otherwise one search prompt per pick, so a site with fifty services still
 * completes `kakao-` as you type.
 */
import { checkbox, confirm, input, search } from '@inquirer/prompts';
import type { Asker, Choice } from './incident-commands.ts';

/** Longest list shown as checkboxes; longer ones are searched. */
const CHECKBOX_MAX = 12;

/** The entry that ends a search-driven multiple choice. */
const DONE = '\u0000done';

function filter<T extends string>(choices: readonly Choice<T>[], term: string | undefined) {
  const words = (term ?? '').toLowerCase().trim();
  return choices
    .filter((c) => words === '' || c.label.toLowerCase().includes(words))
    .map((c) => ({ value: c.value, name: c.label, short: c.label }));
}

export function createTerminalAsker(): Asker {
  const choose = <T extends string>(message: string, choices: readonly Choice<T>[], fallback?: T) =>
    search<T>({
      message: `${message} (type to filter)`,
      ...(fallback === undefined ? {} : { default: fallback }),
      source: (term) => Promise.resolve(filter(choices, term)),
    });
  return {
    text: (message, { default: fallback, required = false } = {}) =>
      input({ message, ...(fallback === undefined ? {} : { default: fallback }), prefill: 'editable', required }),
    choose,
    chooseMany: async <T extends string>(
      message: string,
      choices: readonly Choice<T>[],
      selected: readonly T[] = [],
    ) => {
      if (choices.length <= CHECKBOX_MAX) {
        return checkbox<T>({
          message: `${message} (space to pick, enter when done)`,
          choices: choices.map((c) => ({ value: c.value, name: c.label, checked: selected.includes(c.value) })),
        });
      }
      // Picking a ticked entry again unticks it.
      const picked = new Set<string>(selected);
      for (;;) {
        const done = { value: DONE, label: picked.size ? `done: ${[...picked].join(', ')}` : 'done (none)' };
        const listed = choices.map((c) => ({
          value: c.value,
          label: `${picked.has(c.value) ? '✓' : ' '} ${c.label}`,
        }));
        const answer = await choose<string>(message, [done, ...listed]);
        if (answer === DONE) return choices.map((c) => c.value).filter((value) => picked.has(value));
        if (!picked.delete(answer)) picked.add(answer);
      }
    },
    confirm: (message, fallback) => confirm({ message, default: fallback }),
  };
}
