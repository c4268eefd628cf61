import { loadRenderStreams, type ReplaySpeed } from '../inputs/sunset-replay';
import type { RenderRun } from './count-commits';
import { installDom } from './install-dom';
import { type ScenarioName, type Scenarios, scenarioNames } from './scenario';

/**
 * One competitor's render scenarios in a process of its own (its own DOM, React and modules):
 * `render-child.ts <ours|use-chat> <capped|realtime> [scenario...]` prints
 * `{ [scenario]: RenderRun }` as JSON.
 */
const [competitor, speed, ...asked] = process.argv.slice(2);
installDom();
// React DOM and the hooks load after the DOM globals exist, as they would in a page.
const scenarios: Scenarios =
  competitor === 'ours'
    ? (await import('./ours-scenarios')).oursScenarios
    : competitor === 'use-chat'
      ? (await import('./use-chat-scenarios')).useChatScenarios
      : (() => {
          throw new Error(`unknown competitor ${competitor}`);
        })();
const streams = await loadRenderStreams(speed as ReplaySpeed);
const runs: Partial<Record<ScenarioName, RenderRun>> = {};
for (const name of asked.length ? (asked as ScenarioName[]) : scenarioNames) {
  runs[name] = await scenarios[name](streams);
}
process.stdout.write(JSON.stringify(runs));
// Keep-alive timers of a finished replay must not hold the process open.
process.exit(0);
