/**
 * A content problem, reported as `<file>: <field>: <what is wrong; what is allowed>`
 * (SPEC.md). The build prints every problem at once and writes no page.
 */
export interface Problem {
  /** Path relative to the content folder, with `/` separators. */
  file: string;
  /** Dotted path of the field (`affected[0].features.photo`), or what part of the file. */
  field: string;
  message: string;
}

/** One line of the build's error report. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}: ${problem.field}: ${problem.message}`;
}

/**
 * `['affected', 0, 'features', 'photo']` as `affected[0].features.photo`.
 */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(file)';
}

/** Thrown by the loader when content is broken; carries every problem. */
export class ContentError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(
      `The content has ${problems.length} problem${problems.length === 1 ? '' : 's'}; no page was built:\n` +
        problems.map(formatProblem).join('\n'),
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}
