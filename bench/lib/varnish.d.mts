/** Types of varnish.mjs (plain JavaScript, shared by the benchmark, `npm run proxy` and the tests). */
export interface StartedVarnish {
  origin: string;
  workdir: string;
  pid?: number;
  /** The value of BROADSHEET_PURGE that purges this Varnish. */
  purgeSetting: string;
  log: () => string;
  /** Resolves with varnishd's exit code (or signal) when it exits. */
  exited: Promise<number | string | null>;
  /** Requests Varnish has sent the site since it started (varnishstat's MAIN.backend_req). */
  backendRequests: () => number;
  counter: (name: string) => number;
  stop: () => Promise<void>;
}
export declare const varnishdPath: string;
export declare const DEBIAN_STORAGE: string;
export declare function hasVarnish(): boolean;
export declare function varnishMissing(): string | undefined;
export declare function vclFor(options: { host?: string; port: number | string; vcl?: string }): string;
export declare function startVarnish(options: {
  port: number;
  upstream: string;
  vcl?: string;
  host?: string;
  storage?: string;
  readyPath?: string;
  quiet?: boolean;
}): Promise<StartedVarnish>;
