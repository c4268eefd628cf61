import { Profiler, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';

/** What a view showed at its last render, written by the view itself. */
export interface Shown {
  status: string;
  text?: string;
  images?: number;
}

/** The link between a scenario and its view: the view fills it in on every render. */
export interface Probe {
  shown: Shown;
  /** Starts the generation (set by the view once mounted). */
  start?: () => void;
  /** Set by the hook's finish/error callback: the run is over. */
  settled: boolean;
  /** The text the run produced, from the finish callback (also when the view does not read it). */
  finalText?: string;
  /** How many images the run produced, from the finish callback. */
  finalImages?: number;
}

export interface RenderRun {
  /** React commits of the view from `start()` until the run settled and went quiet. */
  commits: number;
  /** `status` as shown at each of those commits. */
  trail: string[];
  /** What the view showed at the end, and what the run produced. */
  shown: Shown;
  finalText: string;
  finalImages: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** After the run settles, commits still due (the last status, a throttled flush) land within this. */
const quietMs = 300;

/**
 * Mounts `view` under a `<Profiler>` in a fresh root, starts the run once the view is mounted,
 * and counts the commits the profiler reports from then until the run settled plus `quietMs`.
 * No `act()`: React schedules the updates as it would in a browser.
 */
export async function countCommits(view: (probe: Probe) => ReactElement): Promise<RenderRun> {
  const probe: Probe = { shown: { status: '' }, settled: false };
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const trail: string[] = [];
  let counting = false;
  const onRender = () => {
    if (counting) trail.push(probe.shown.status);
  };
  root.render(
    <Profiler id="view" onRender={onRender}>
      {view(probe)}
    </Profiler>,
  );
  await until(() => probe.start !== undefined, 5_000, 'the view to mount');
  await sleep(50);
  counting = true;
  probe.start!();
  await until(() => probe.settled, 60_000, 'the run to finish');
  await sleep(quietMs);
  counting = false;
  root.unmount();
  container.remove();
  return {
    commits: trail.length,
    trail,
    shown: probe.shown,
    finalText: probe.finalText ?? '',
    finalImages: probe.finalImages ?? 0,
  };
}
