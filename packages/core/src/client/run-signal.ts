import { LunosImageError } from '../errors/lunos-image-error';
import {
  AbortError,
  ConnectionError,
  TimeoutError,
  type TimeoutLimit,
} from '../errors/transport-errors';
import type { Timeouts } from './timeouts';

/**
 * The one abort signal of a call, fired by the caller's signal, by `abort()` (an `ImageStream`
 * left or aborted) or by one of the time limits, and the knowledge of which it was: a fetch or a
 * read that rejects because of it is mapped to the matching typed error (`AbortError` with the
 * caller's reason, or `TimeoutError` naming the limit). It also counts the body bytes received.
 *
 * Nothing is armed until `start()`: a stream that is built but never read holds no timer and no
 * listener on the caller's signal; `dispose()` lets go of both when the call settles.
 */
export class RunSignal {
  readonly #controller = new AbortController();
  readonly #timeouts: Timeouts;
  readonly #timers: Partial<Record<TimeoutLimit, ReturnType<typeof setTimeout>>> = {};
  readonly #onCallerAbort: () => void;
  readonly #callerSignal: AbortSignal | undefined;
  #why: LunosImageError | undefined;
  #keepJob = false;
  #jobId: string | undefined;
  #budgetRemainingUsd: number | undefined;
  #resumeCount = 0;
  #lastActivity = 0;
  #bytesReceived = 0;
  #firstByteAt: number | undefined;
  #started = false;

  constructor(callerSignal: AbortSignal | undefined, timeouts: Timeouts) {
    this.#timeouts = timeouts;
    this.#callerSignal = callerSignal;
    this.#onCallerAbort = () => this.abort(new AbortError(callerSignal?.reason));
  }

  /** The call begins: listen to the caller's signal and start the total time limit. */
  start(): void {
    if (this.#started || this.#why) return;
    this.#started = true;
    const callerSignal = this.#callerSignal;
    if (callerSignal?.aborted) {
      this.#onCallerAbort();
      return;
    }
    callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    this.#start('total');
  }

  /** Body bytes of the answer received so far. */
  get bytesReceived(): number {
    return this.#bytesReceived;
  }

  /** When the answer's first body byte arrived (epoch ms), once one has. */
  get firstByteAt(): number | undefined {
    return this.#firstByteAt;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Why the run was stopped, if it was. */
  get reason(): LunosImageError | undefined {
    return this.#why;
  }

  /**
   * Stops the run. The route handler's job it reads (if any) is stopped too, unless `keepJob`:
   * then only this reader goes, and the job can be resumed (`resumeImage(jobId)`).
   */
  abort(why: LunosImageError, options: { keepJob?: boolean } = {}): void {
    if (this.#why) return;
    this.#why = why;
    this.#keepJob = options.keepJob === true;
    this.#clearAll();
    this.#controller.abort(why);
  }

  /** The run was stopped with `keepJob`: its job goes on without it. */
  get keepsJob(): boolean {
    return this.#keepJob;
  }

  /** The id of the route handler's job this run reads, once the answer named it. */
  get jobId(): string | undefined {
    return this.#jobId;
  }

  /** The budget the route handler said is left after this generation's reservation (USD). */
  get budgetRemainingUsd(): number | undefined {
    return this.#budgetRemainingUsd;
  }

  /** The answer said how much budget is left (`x-lunos-budget-remaining`). */
  budget(usd: number): void {
    this.#budgetRemainingUsd = usd;
  }

  /** How many times the run reconnected to its job after the connection dropped. */
  get resumeCount(): number {
    return this.#resumeCount;
  }

  /** The answer is a job of the route handler: its id (the first one named stands). */
  job(id: string): void {
    this.#jobId ??= id;
  }

  /** The run reconnected to its job. */
  resumed(): void {
    this.#resumeCount += 1;
  }

  /** A request is on its way: wait for headers. */
  awaitingHeaders(): void {
    this.#clear('idle');
    this.#start('firstByte');
  }

  /**
   * Headers or `bytes` of the body arrived: from now on, silence is what is limited. Called for
   * every network read (thousands for one image), so it only notes the time; the idle timer,
   * armed once, checks that time when it fires and re-arms itself for what is left.
   */
  activity(bytes = 0): void {
    this.#bytesReceived += bytes;
    this.#lastActivity = Date.now();
    if (bytes > 0) this.#firstByteAt ??= this.#lastActivity;
    if (this.#timers.firstByte !== undefined) this.#clear('firstByte');
    if (this.#timers.idle === undefined && this.#timeouts.idleMs !== Number.POSITIVE_INFINITY)
      this.#armIdle(this.#timeouts.idleMs);
  }

  /** Not waiting on the network (backoff sleep, or done reading). */
  idle(): void {
    this.#clear('firstByte');
    this.#clear('idle');
  }

  dispose(): void {
    this.#clearAll();
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }

  /** Throws the reason if the run was stopped. */
  check(): void {
    if (this.#why) throw this.#why;
  }

  /** The typed error for something a fetch or a read threw. */
  toError(thrown: unknown, what = 'The request failed'): LunosImageError {
    if (this.#why) return this.#why;
    if (LunosImageError.isInstance(thrown)) return thrown;
    const detail = thrown instanceof Error ? thrown.message : String(thrown);
    return new ConnectionError(`${what}: ${detail}`, { cause: thrown });
  }

  #armIdle(ms: number): void {
    this.#timers.idle = setTimeout(() => {
      this.#timers.idle = undefined;
      const left = this.#timeouts.idleMs - (Date.now() - this.#lastActivity);
      if (left > 0) this.#armIdle(left);
      else this.abort(new TimeoutError('idle', this.#timeouts.idleMs));
    }, ms);
  }

  #start(limit: TimeoutLimit): void {
    this.#clear(limit);
    const ms = this.#timeouts[`${limit}Ms`];
    // No limit (Infinity): a timer given it would fire after 1 ms instead of never.
    if (ms === Number.POSITIVE_INFINITY) return;
    this.#timers[limit] = setTimeout(() => this.abort(new TimeoutError(limit, ms)), ms);
  }

  #clear(limit: TimeoutLimit): void {
    const timer = this.#timers[limit];
    if (timer !== undefined) clearTimeout(timer);
    this.#timers[limit] = undefined;
  }

  #clearAll(): void {
    for (const limit of ['total', 'firstByte', 'idle'] as const) this.#clear(limit);
  }
}
