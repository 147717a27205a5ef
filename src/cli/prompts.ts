/**
 * The terminal side of the CLI's questions, with @inquirer/prompts (a
 * maintained prompt library: line editing, arrow keys, Ctrl-C, completion).
 * A single choice (a status word, a service) is a search prompt: typing
 * filters the list, so `maj` completes to `major_outage · 전면 장애`.
 * Several choices (services, features) are a checkbox list.
 */
import { checkbox, confirm, input, search } from '@inquirer/prompts';
import type { Asker, Choice } from './incident-commands.ts';

export function createTerminalAsker(): Asker {
  return {
    text: (message, { default: fallback, required = false } = {}) =>
      input({
        message,
        ...(fallback === undefined ? {} : { default: fallback }),
        prefill: 'editable',
        required,
      }),
    choose: <T extends string>(message: string, choices: readonly Choice<T>[], fallback?: T) =>
      search<T>({
        message: `${message} (type to filter)`,
        ...(fallback === undefined ? {} : { default: fallback }),
        source: (term) => {
          const words = (term ?? '').toLowerCase().trim();
          return Promise.resolve(
            choices
              .filter((c) => words === '' || c.label.toLowerCase().includes(words))
              .map((c) => ({ value: c.value, name: c.label, short: c.label })),
          );
        },
      }),
    chooseMany: <T extends string>(message: string, choices: readonly Choice<T>[], selected: readonly T[] = []) =>
      checkbox<T>({
        message: `${message} (space to pick, enter when done)`,
        choices: choices.map((c) => ({ value: c.value, name: c.label, checked: selected.includes(c.value) })),
      }),
    confirm: (message, fallback) => confirm({ message, default: fallback }),
  };
}
