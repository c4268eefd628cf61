import type { Benchmark } from '../harness/benchmark';
import { bundleSizeBenchmark } from './bundle-size';
import { coldImportBenchmark } from './cold-import';
import { handlerCostBenchmark } from './handler-cost';
import { handlerMemoryBenchmark } from './handler-memory';
import { imageBytesMemoryBenchmark } from './image-bytes-memory';
import { jobBytesBenchmark, jobsBenchmark } from './jobs';
import { dedupeBenchmark, limitsRedisBenchmark } from './limits';
import { rendersBenchmark } from './renders';
import { sseDecodeBenchmark } from './sse-decode';
import { streamToImageBenchmark } from './stream-to-image';

/** Every benchmark `pnpm bench` runs, in order. Add new ones here. */
export const benchmarks: Benchmark[] = [
  sseDecodeBenchmark,
  streamToImageBenchmark,
  imageBytesMemoryBenchmark,
  bundleSizeBenchmark,
  coldImportBenchmark,
  rendersBenchmark,
  handlerCostBenchmark,
  handlerMemoryBenchmark,
  jobsBenchmark,
  jobBytesBenchmark,
  limitsRedisBenchmark,
  dedupeBenchmark,
];
