import type { ImageModel } from '@lunos-image/core';
import { useCallback, useState } from 'react';
import type { ComposeForm } from '../compose/compose-form';
import { formAsSent } from '../compose/form-as-sent';
import { variablesFor } from '../compose/variables-for';
import type { Connection } from '../connection/connection';
import { usesRouteHandler } from '../connection/uses-route-handler';
import type { GalleryStore } from '../gallery/gallery-store';
import { newRunFrom } from '../gallery/new-run-from';
import type { FaultScenario } from '../mock/fault-scenarios';
import type { MockControl } from '../mock/mock-control';
import { MOCK_SERVE_COMMAND } from '../mock/mock-serve-command';
import { scenariosFor } from '../mock/scenarios-for';
import { findModel } from '../models/find-model';
import { apiOf } from '../models/model-key';
import { useCountdown } from '../ui/use-countdown';
import { describeError } from './describe-error';
import { replacedEarly, type TimedGeneration, useTimedGeneration } from './use-timed-generation';

/** What a run was started with, for its gallery entry. */
interface RunContext {
  form: ComposeForm;
  model: ImageModel;
  /** The mock scenario armed for it, if any. */
  scenario: FaultScenario | undefined;
}

/**
 * The settings a run's answer really belongs to: a recording's answer is the recorded request's
 * (its model, prompt and size), whatever the form said.
 */
function answeredFor(run: RunContext): ComposeForm {
  const recorded = run.scenario?.recorded;
  if (!recorded) return run.form;
  return {
    ...run.form,
    api: 'chat',
    modelId: recorded.model,
    prompt: recorded.prompt,
    aspectRatio: recorded.aspectRatio,
    imageSize: recorded.imageSize,
  };
}

export interface SingleRunOptions {
  connection: Connection;
  gallery: GalleryStore;
  /** The catalog, to name the model of a recording's answer. */
  models: readonly ImageModel[];
  /** The chosen model: an Images API run is checked against its parameters before sending. */
  model: ImageModel | undefined;
  /** Present for the two mock modes. */
  mock: { control: MockControl } | undefined;
  /** After each run: the mock's request log has a new call. */
  onFinished(): void;
}

export interface SingleRun {
  timed: TimedGeneration<RunContext>;
  /** Id of the mock scenario armed for the next generation, or '' for a normal answer. */
  scenarioId: string;
  setScenarioId(id: string): void;
  /** Why the scenario could not be queued on the mock. */
  armError: string | undefined;
  /** Left of a Retry-After for the model that was refused (0 when none). */
  retryWaitMs: number;
  /** Whether Generate waits for `model` (a Retry-After; another model may go at once). */
  waitsFor(model: ImageModel | undefined): boolean;
  generate(form: ComposeForm, model: ImageModel): Promise<void>;
}

/**
 * One model, one run at a time: arms the Mock panel's scenario for it, holds Generate during a
 * Retry-After, and files every run that ended (done, failed, stopped) into the gallery.
 */
export function useSingleRun({
  connection,
  gallery,
  models,
  model: chosen,
  mock,
  onFinished,
}: SingleRunOptions): SingleRun {
  const [scenarioId, setScenarioId] = useState('');
  const [armError, setArmError] = useState<string>();

  const timed = useTimedGeneration<RunContext>({
    connection,
    model: chosen,
    resume: usesRouteHandler(connection),
    onFinish: (end) => {
      if (replacedEarly(end)) return;
      onFinished();
      const run = end.context;
      const form = answeredFor(run);
      const modelName =
        form.modelId === run.model.id
          ? run.model.name
          : (findModel(models, form.modelId, form.api)?.name ?? form.modelId ?? '');
      void gallery.add(newRunFrom(end, { form, modelName, connection }));
    },
  });
  const { generation } = timed;

  const retryAfterMs =
    generation.status === 'error' && generation.error
      ? describeError(generation.error, connection).retryAfterMs
      : undefined;
  const retryWaitMs = useCountdown(
    retryAfterMs === undefined ? undefined : timed.endedAt + retryAfterMs,
  );
  const refusedModel = generation.variables?.model;
  const waitsFor = useCallback(
    (model: ImageModel | undefined) => retryWaitMs > 0 && refusedModel === model?.id,
    [retryWaitMs, refusedModel],
  );

  const { start } = timed;
  const generate = useCallback(
    async (form: ComposeForm, model: ImageModel) => {
      if (!form.prompt.trim() || waitsFor(model)) return;
      setArmError(undefined);
      const api = apiOf(model);
      const scenario = mock ? scenariosFor(api).find((s) => s.id === scenarioId) : undefined;
      if (mock && scenario) {
        try {
          await mock.control.next({ ...scenario.scenario, route: api });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          // The scenario could not be queued: leave the picker on a normal answer, so it does
          // not claim a scenario the mock will not play, and say how to get one that can.
          setScenarioId('');
          setArmError(
            /unknown fixture/i.test(message)
              ? `${message}: this mock server was started without the recordings. Restart it with ${MOCK_SERVE_COMMAND}.`
              : message,
          );
          return;
        }
        // A scenario is for one generation; the next one is normal unless armed again.
        setScenarioId('');
      }
      const variables = variablesFor(form, model);
      start(variables, { form: formAsSent(form, model, variables), model, scenario });
    },
    [mock, scenarioId, start, waitsFor],
  );

  return { timed, scenarioId, setScenarioId, armError, retryWaitMs, waitsFor, generate };
}
