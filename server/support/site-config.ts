/**
 * The site config as a support bundle carries it: every value under a secret-sounding key (the
 * office and ingest tokens, card terminal passwords, any credential) replaced, so the bundle can be
 * mailed to a supplier. Works on any JSON, so a config that no longer passes its schema is still
 * shown as it is. The secrets found are answered too: the bundle removes them from every other file.
 */
import { isSensitiveKey, maskText } from '../logging/mask.js';

export const removedSecret = '[removed]';

export interface ConfigWithoutSecrets {
  config: unknown;
  /** The values removed (strings only), to scrub from the rest of the bundle. */
  secrets: string[];
}

export function configWithoutSecrets(config: unknown): ConfigWithoutSecrets {
  const secrets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string' || typeof value === 'number') secrets.push(String(value));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  const strip = (value: unknown): unknown => {
    if (typeof value === 'string') return maskText(value);
    if (Array.isArray(value)) return value.map(strip);
    if (value !== null && typeof value === 'object') {
      const stripped: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        if (isSensitiveKey(key)) {
          collect(item);
          stripped[key] = removedSecret;
        } else stripped[key] = strip(item);
      }
      return stripped;
    }
    return value;
  };
  return { config: strip(config), secrets };
}
