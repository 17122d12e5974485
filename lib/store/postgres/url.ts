/** Whether a DATABASE_URL names PostgreSQL (postgres:// or postgresql://). Kept apart from the driver: next.config.ts asks it too. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url.trim());
}
