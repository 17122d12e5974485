/**
 * An object whose methods all return promises, usable before it exists: each call waits for
 * `opening` and calls the method of what it gives, and `failed` may turn an error into another
 * (an engine's connection errors into StoreUnavailable). For a store opened asynchronously
 * (PostgreSQL migrates its schema first) behind an interface handed out synchronously.
 */
export function deferred<T extends object>(opening: Promise<T>, failed: (error: unknown) => unknown = (error) => error): T {
  return new Proxy({} as T, {
    get(own, name) {
      // What is set on it (Object.assign) is its own; and it is not itself a promise.
      if (Reflect.has(own, name)) return Reflect.get(own, name);
      if (name === 'then') return undefined;
      return async (...args: unknown[]) => {
        try {
          const target = (await opening) as Record<PropertyKey, (...values: unknown[]) => Promise<unknown>>;
          return await target[name]!(...args);
        } catch (error) {
          throw failed(error);
        }
      };
    },
  });
}
