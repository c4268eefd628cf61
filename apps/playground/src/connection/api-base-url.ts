import type { DialectName } from '@lunos-image/core';

/** Lunos serves `/v1/...`, OpenRouter `/api/v1/...`; the mock tells the dialects apart by it. */
export function apiBaseUrl(origin: string, dialect: DialectName): string {
  return `${origin.replace(/\/+$/, '')}${dialect === 'openrouter' ? '/api/v1' : '/v1'}`;
}
