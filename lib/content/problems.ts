/** Problems in content are data, not exceptions: the loader collects them and the site keeps serving. */

export type Severity = 'error' | 'warning';

export interface Problem {
  /** Path relative to the content folder. */
  file: string;
  /** 1-based line in the file, where known. */
  line?: number;
  /** The front-matter field, or a pseudo-field such as "front matter" or "body". */
  field: string;
  message: string;
  severity: Severity;
}

export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}: ${problem.field}: ${problem.message}`;
}

/**
 * A value as JSON for a message, cut at `limit` characters: written out only that far, since a
 * few lines of YAML aliases (`b: [*a, *a, …]`) make a value of billions of entries.
 */
export function shownValue(value: unknown, limit = 80): string {
  let out = '';
  const write = (text: string) => {
    out += text;
    return out.length <= limit;
  };
  const walk = (item: unknown): boolean => {
    if (Array.isArray(item)) {
      if (!write('[')) return false;
      for (let i = 0; i < item.length; i++) if ((i > 0 && !write(',')) || !walk(item[i])) return false;
      return write(']');
    }
    if (item !== null && typeof item === 'object') {
      if (!write('{')) return false;
      let first = true;
      for (const [key, entry] of Object.entries(item)) {
        if ((!first && !write(',')) || !write(`${JSON.stringify(key)}:`) || !walk(entry)) return false;
        first = false;
      }
      return write('}');
    }
    return write(JSON.stringify(item) ?? String(item));
  };
  walk(value);
  return out.length <= limit ? out : `${out.slice(0, limit)}…`;
}

/** Collects the problems of one file, so each check only names the field and says what is wrong. */
export class ProblemList {
  readonly items: Problem[] = [];

  constructor(private readonly file: string) {}

  error(field: string, message: string, line?: number): void {
    this.items.push({ file: this.file, line, field, message, severity: 'error' });
  }

  warn(field: string, message: string, line?: number): void {
    this.items.push({ file: this.file, line, field, message, severity: 'warning' });
  }
}

/**
 * Writes problems to the server log: every error, and warnings up to a limit so that an archive
 * with thousands of small issues does not bury the log (`npm run check` prints them all).
 */
export function logProblems(problems: readonly Problem[], maxWarnings = 20, log: (line: string) => void = console.warn): void {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  for (const problem of errors) log(`[content] error ${formatProblem(problem)}`);
  for (const problem of warnings.slice(0, maxWarnings)) log(`[content] warning ${formatProblem(problem)}`);
  if (warnings.length > maxWarnings) {
    log(`[content] … and ${warnings.length - maxWarnings} more warnings`);
  }
}
