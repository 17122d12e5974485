import type { ImportReport } from './importItems';

/**
 * "benzinga/list.json: 120 read, 96 written, 0 updated, 23 skipped (20 exists, 3 not news), 1 conflict, 0 failed",
 * then each conflict and each failure on a line of its own.
 */
export function formatImportReport(label: string, report: ImportReport): string {
  const skipped = Object.entries(report.skipped).filter(([, count]) => (count ?? 0) > 0);
  const skippedTotal = skipped.reduce((sum, [, count]) => sum + (count ?? 0), 0);
  const reasons = skipped.length > 0 ? ` (${skipped.map(([reason, count]) => `${count} ${reason}`).join(', ')})` : '';
  const conflicts = `${report.conflicts.length} conflict${report.conflicts.length === 1 ? '' : 's'}`;
  const lines = [
    `${label}: ${report.read} read, ${report.written} written, ${report.updated} updated, ${skippedTotal} skipped${reasons}, ${conflicts}, ${report.failed} failed`,
  ];
  for (const { file, why } of report.conflicts) lines.push(`  conflict: ${file}: ${why}`);
  for (const error of report.errors) lines.push(`  ${error}`);
  return lines.join('\n');
}
