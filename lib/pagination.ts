export interface Paged<T> {
  items: T[];
  page: number;
  totalPages: number;
}

/** One page of a list; undefined when the page does not exist (the route answers 404). */
export function paginate<T>(list: readonly T[], page: number, pageSize: number): Paged<T> | undefined {
  const totalPages = Math.max(1, Math.ceil(list.length / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return undefined;
  return { items: list.slice((page - 1) * pageSize, page * pageSize), page, totalPages };
}
