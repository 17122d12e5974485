import path from 'node:path';
import type { Problem } from './problems';

export interface CheckSummary {
  files: number;
  articles: number;
  errors: number;
  warnings: number;
}

function byPlace(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.field.localeCompare(b.field);
}

/**
 * The text `npm run check` prints: errors, then warnings, each as `file:line: field: message`
 * with the file as a path from where the command runs (so editors can click it), then counts.
 */
export function formatCheckReport(problems: readonly Problem[], summary: CheckSummary, contentDir: string, cwd = process.cwd()): string {
  const where = (problem: Problem) => {
    const file = path.relative(cwd, path.join(contentDir, problem.file)) || problem.file;
    return problem.line ? `${file}:${problem.line}` : file;
  };
  const lines: string[] = [];
  for (const severity of ['error', 'warning'] as const) {
    const list = problems.filter((p) => p.severity === severity).sort(byPlace);
    if (list.length === 0) continue;
    lines.push(`${severity === 'error' ? 'Errors' : 'Warnings'} (${list.length}):`);
    for (const problem of list) lines.push(`${where(problem)}: ${problem.field}: ${problem.message}`);
    lines.push('');
  }
  const fields = new Map<string, number>();
  for (const problem of problems) fields.set(problem.field, (fields.get(problem.field) ?? 0) + 1);
  const filesWithProblems = new Set(problems.map((p) => p.file)).size;
  lines.push(
    `${summary.files} files checked, ${summary.articles} articles loaded: ${summary.errors} error${summary.errors === 1 ? '' : 's'}, ` +
      `${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}${filesWithProblems ? ` in ${filesWithProblems} file${filesWithProblems === 1 ? '' : 's'}` : ''}.`,
  );
  if (fields.size > 1) lines.push(`By field: ${[...fields].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f, n]) => `${f} ${n}`).join(', ')}.`);
  return lines.join('\n');
}
