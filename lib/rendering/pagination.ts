export interface Paged<T> {
  items: T[];
  page: number;
  totalPages: number;
}

/**
 * One page of a list of `total` items, fetched by offset; undefined when the page does not exist
 * (the route answers 404).
 */
export async function paginate<T>(
  total: number,
  page: number,
  pageSize: number,
  fetch: (offset: number, limit: number) => Promise<T[]> | T[],
): Promise<Paged<T> | undefined> {
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return undefined;
  return { items: await fetch((page - 1) * pageSize, pageSize), page, totalPages };
}
