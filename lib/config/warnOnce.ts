const said = new Set<string>();

/** Logs a configuration warning the first time it arises in this process, not on every page. */
export function warnOnce(message: string): void {
  if (said.has(message)) return;
  said.add(message);
  console.warn(message);
}
