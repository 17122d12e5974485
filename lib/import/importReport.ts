import type { ImportReport } from './importItems';

/** "benzinga/list.json: 120 read, 96 written, 0 updated, 24 skipped (20 exists, 4 not news), 0 failed" and each failure. */
export function formatImportReport(label: string, report: ImportReport): string {
  const skipped = Object.entries(report.skipped).filter(([, count]) => (count ?? 0) > 0);
  const skippedTotal = skipped.reduce((sum, [, count]) => sum + (count ?? 0), 0);
  const reasons = skipped.length > 0 ? ` (${skipped.map(([reason, count]) => `${count} ${reason}`).join(', ')})` : '';
  const lines = [
    `${label}: ${report.read} read, ${report.written} written, ${report.updated} updated, ${skippedTotal} skipped${reasons}, ${report.failed} failed`,
  ];
  for (const error of report.errors) lines.push(`  ${error}`);
  return lines.join('\n');
}
