import { fileURLToPath } from 'node:url';
import type { Benchmark, CaseResult } from '../harness/benchmark';
import { packageVersion } from '../harness/package-version';
import { runChild } from '../harness/run-child';
import { loadRenderStreams, type ReplaySpeed, SUNSET_FIXTURE } from '../inputs/sunset-replay';
import type { RenderRun } from '../renders/count-commits';
import { type ScenarioName, textReaderThrottleMs } from '../renders/scenario';

type Competitor = 'ours' | 'use-chat';
type Runs = Record<ScenarioName, RenderRun>;

const childPath = fileURLToPath(new URL('../renders/render-child.ts', import.meta.url));
/** The react issue's bar for the throttled text reader. */
const textReaderLimit = 45;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** `submitted → processing → streaming ×2 → success`: the statuses the commits showed. */
function describeTrail(trail: string[]): string {
  const steps: { status: string; count: number }[] = [];
  for (const status of trail) {
    const last = steps.at(-1);
    if (last?.status === status) last.count++;
    else steps.push({ status, count: 1 });
  }
  return steps
    .map((step) => `${step.status || '(not read)'}${step.count > 1 ? ` ×${step.count}` : ''}`)
    .join(' → ');
}

/** Commits at which the shown status differed from the one before (starting from idle/ready). */
function statusChanges(trail: string[], initial: string): number {
  let changes = 0;
  let previous = initial;
  for (const status of trail) {
    if (status !== previous) changes++;
    previous = status;
  }
  return changes;
}

/**
 * The comparison is only fair if both ended with the same text and image from the same bytes;
 * anything else means one of them did not get (or show) the stream, and the run stops.
 */
function checkOutcome(name: ScenarioName, runs: Record<Competitor, Runs>, text: string): void {
  for (const [competitor, run] of Object.entries(runs)) {
    const { finalText, finalImages, shown } = run[name];
    if (finalText !== text || finalImages !== 1) {
      throw new Error(
        `renders/${name}: ${competitor} ended with ${finalImages} image(s) and text ${JSON.stringify(finalText.slice(0, 40))}`,
      );
    }
    if (shown.text !== undefined && shown.text !== text) {
      throw new Error(`renders/${name}: ${competitor}'s view ended showing other text`);
    }
    if (shown.images !== undefined && shown.images !== 1) {
      throw new Error(`renders/${name}: ${competitor}'s view ended showing ${shown.images} images`);
    }
  }
}

/**
 * React commits for one streamed generation, ours (`useImageGeneration`) against
 * `@ai-sdk/react`'s `useChat` fed the same bytes through `@openrouter/ai-sdk-provider`, counted
 * with `<Profiler onRender>` in jsdom, each competitor in its own process; plus the react issue's
 * bars for ours (a status-only reader renders only on status changes; a throttled text reader at
 * most 45 times over 200 deltas). `--realtime` replays every recorded gap in full.
 */
export const rendersBenchmark: Benchmark = {
  id: 'renders',
  async run(context) {
    const speed: ReplaySpeed = process.argv.includes('--realtime') ? 'realtime' : 'capped';
    const streams = await loadRenderStreams(speed);
    const repeats = Math.max(1, Math.round(3 * context.effort));
    const all: Record<Competitor, Runs[]> = { ours: [], 'use-chat': [] };
    for (let i = 0; i < repeats; i++) {
      // Alternate who goes first, so load from other work lands on both alike.
      const order: Competitor[] = i % 2 ? ['use-chat', 'ours'] : ['ours', 'use-chat'];
      const round = {} as Record<Competitor, Runs>;
      for (const competitor of order) {
        context.log(`renders: ${competitor} (${i + 1}/${repeats})`);
        round[competitor] = await runChild<Runs>(childPath, [competitor, speed]);
      }
      checkOutcome('sunset', round, streams.sunsetText);
      checkOutcome('status-reader', round, streams.textOfDeltas);
      checkOutcome('text-reader', round, streams.textOfDeltas);
      all.ours.push(round.ours);
      all['use-chat'].push(round['use-chat']);
    }
    const peerName = `@ai-sdk/react ${packageVersion('@ai-sdk/react')} useChat + @openrouter/ai-sdk-provider ${packageVersion('@openrouter/ai-sdk-provider')}`;
    const commits = (competitor: Competitor, name: ScenarioName) =>
      all[competitor].map((runs) => runs[name].commits);
    const trails = (name: ScenarioName) =>
      `ours ${describeTrail(all.ours[0]![name].trail)} (runs: ${commits('ours', name).join(', ')}); useChat ${describeTrail(all['use-chat'][0]![name].trail)} (runs: ${commits('use-chat', name).join(', ')})`;
    const row = (name: ScenarioName, title: string): CaseResult => ({
      name: title,
      ours: median(commits('ours', name)),
      peers: [{ name: peerName, value: median(commits('use-chat', name)) }],
      note: trails(name),
    });
    const sunset = row('sunset', `${SUNSET_FIXTURE}, a view showing status, text and image`);
    if (
      sunset.ours > sunset.peers[0]!.value &&
      all.ours.every((runs) => runs.sunset.trail.includes('processing'))
    ) {
      sunset.note += `\nours commits ${sunset.ours - sunset.peers[0]!.value} more: it shows \`processing\` when a keep-alive comment arrives, a state useChat has no field for (the provider's SSE parser drops comments)`;
    }
    const statusReader = row(
      'status-reader',
      '200 text deltas over 2 s, a view reading only status',
    );
    // Its bar: no commit without a status change (every commit in its trail shows a new status).
    const changes = median(
      all.ours.map((runs) => statusChanges(runs['status-reader'].trail, 'idle')),
    );
    statusReader.limit = { value: changes, label: `≤ ${changes} status changes` };
    const textReader = row(
      'text-reader',
      `200 text deltas over 2 s, throttle ${textReaderThrottleMs} ms (both), a view reading only text`,
    );
    textReader.limit = { value: textReaderLimit, label: `≤ ${textReaderLimit}` };
    return {
      title: 'React commits for one streamed generation',
      unit: 'commits',
      method: `compared with useChat, fairly: both fetch the same bytes from @lunos-image/msw's replay (same chunk boundaries; ${speed === 'realtime' ? 'the recorded gaps' : 'the recorded gaps, those over 250 ms cut to 250 ms (--realtime: all in full)'}), useChat through streamText + the OpenRouter provider in an in-process ChatTransport (no HTTP hop to re-chunk); no throttle unless stated; commits counted with <Profiler onRender> in jsdom from the start of the run until it settled, each competitor in its own process, median of ${repeats}; limits: the react issue's bars for ours`,
      cases: [sunset, statusReader, textReader],
    };
  },
};
