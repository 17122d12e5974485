/**
 * The caches in front that a content change is purged from, read from one setting:
 *
 *   BROADSHEET_PURGE=varnish=http://127.0.0.1:6081,varnish=http://10.0.0.7:6081,fastly=https://api.fastly.com/service/SERVICE_ID
 *
 * Each entry is `kind=url`: `varnish` (a Varnish with deploy/varnish/broadsheet.vcl: a PURGE
 * request with an `xkey` header), `fastly` (its purge-by-surrogate-key API, the token in
 * BROADSHEET_PURGE_FASTLY_TOKEN) or `cloudflare` (purge by Cache-Tag, the zone's URL
 * https://api.cloudflare.com/client/v4/zones/ZONE_ID, the token in BROADSHEET_PURGE_CLOUDFLARE_TOKEN).
 */
export const purgeKinds = ['varnish', 'fastly', 'cloudflare'] as const;
export type PurgeKind = (typeof purgeKinds)[number];

export interface PurgeTarget {
  kind: PurgeKind;
  url: string;
  /** How logs name it: `varnish http://127.0.0.1:6081`. */
  name: string;
  /** The API token, for a CDN. */
  token?: string;
}

export class PurgeSettingError extends Error {}

const tokenSetting: Partial<Record<PurgeKind, string>> = {
  fastly: 'BROADSHEET_PURGE_FASTLY_TOKEN',
  cloudflare: 'BROADSHEET_PURGE_CLOUDFLARE_TOKEN',
};

/** The targets a setting names; a malformed entry is refused with a message naming it. */
export function parsePurgeTargets(setting: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): PurgeTarget[] {
  if (!setting?.trim()) return [];
  const targets: PurgeTarget[] = [];
  for (const entry of setting.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    const equals = entry.indexOf('=');
    const kind = entry.slice(0, equals).trim();
    const url = entry.slice(equals + 1).trim();
    if (equals < 0 || !(purgeKinds as readonly string[]).includes(kind)) {
      throw new PurgeSettingError(`BROADSHEET_PURGE: "${entry}" is not kind=url with a kind among ${purgeKinds.join(', ')}`);
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new PurgeSettingError(`BROADSHEET_PURGE: "${entry}" has no URL after "${kind}=" (http://host:port)`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new PurgeSettingError(`BROADSHEET_PURGE: "${entry}" is not an http(s) URL`);
    const target: PurgeTarget = { kind: kind as PurgeKind, url: url.replace(/\/+$/, ''), name: `${kind} ${url}` };
    const variable = tokenSetting[target.kind];
    if (variable) {
      target.token = env[variable];
      if (!target.token) throw new PurgeSettingError(`BROADSHEET_PURGE: "${entry}" needs its API token in ${variable}`);
    }
    targets.push(target);
  }
  return targets;
}
