import type { MockScenario } from '@lunos-image/msw';

/**
 * msw's `MOCK_HEADERS` (the fixture and fault ones), spelled out here: importing anything at run
 * time from `@lunos-image/msw` moves msw and the mock's handlers out of the mock-only chunk into
 * the page's main one (+400 kB). The compare e2e test checks they still match msw's.
 */
export const SCENARIO_HEADERS = {
  fixture: 'x-lunos-mock-fixture',
  fault: 'x-lunos-mock-fault',
} as const;

/**
 * A mock scenario as request headers (`x-lunos-mock-fixture`, `x-lunos-mock-fault`), so it goes
 * with one client's requests instead of waiting in the mock's queue for whichever request comes
 * next: a compare column's fault reaches that column, however its requests race the others'.
 * Only a fixture and faults travel this way; anything else is refused rather than dropped.
 */
export function scenarioHeaders(scenario: MockScenario): Record<string, string> {
  const { fixture, faults, route, ...rest } = scenario;
  const refused = [...Object.keys(rest), ...(route && route !== 'chat' ? [`route ${route}`] : [])];
  if (refused.length > 0) {
    throw new TypeError(
      `A per-request mock scenario carries only a chat fixture and faults, not ${refused.join(', ')}`,
    );
  }
  return {
    ...(fixture !== undefined && { [SCENARIO_HEADERS.fixture]: fixture }),
    ...(faults && faults.length > 0 && { [SCENARIO_HEADERS.fault]: JSON.stringify(faults) }),
  };
}
