export declare const nginxPath: string;
export declare function hasNginx(): boolean;
export declare function nginxConfig(options: { prefix: string; site: string; workers?: number }): string;
export declare function startNginx(options: {
  port: number;
  upstreamPort: number;
  config?: string;
  extra?: string;
  workers?: number;
  readyPath?: string;
}): Promise<{ origin: string; prefix: string; log: () => string; stop: () => Promise<void> }>;
