import { parseOrigins, type BrowserAccessOptions } from './browserAccess.ts';
import type { RateLimitOptions } from './rateLimit.ts';

export interface HttpSettings {
  rateLimit: RateLimitOptions;
  browserAccess: BrowserAccessOptions;
}

function positiveInteger(env: NodeJS.ProcessEnv, variable: string): number | undefined {
  const text = env[variable];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${variable} must be a whole number of at least 1, not "${text}"`);
  return value;
}

/**
 * The HTTP settings an operator sets in the environment (README, Security). Exempt logins have no
 * variable on purpose: they exist for tests and benchmarks, which pass them in code.
 */
export function httpSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpSettings {
  const rateLimit: RateLimitOptions = {};
  const budgets = {
    perIdentity: 'MERIDIAN_RATE_LIMIT_IDENTITY',
    perSource: 'MERIDIAN_RATE_LIMIT_SOURCE',
    federation: 'MERIDIAN_RATE_LIMIT_FEDERATION',
    windowSeconds: 'MERIDIAN_RATE_LIMIT_WINDOW_S',
  } as const;
  for (const [option, variable] of Object.entries(budgets) as Array<[keyof typeof budgets, string]>) {
    const value = positiveInteger(env, variable);
    if (value !== undefined) rateLimit[option] = value;
  }
  return {
    rateLimit,
    browserAccess: {
      intranetOrigins: parseOrigins(env.MERIDIAN_INTRANET_ORIGINS, 'MERIDIAN_INTRANET_ORIGINS'),
      apiOrigins: parseOrigins(env.MERIDIAN_CORS_ORIGINS, 'MERIDIAN_CORS_ORIGINS'),
    },
  };
}
