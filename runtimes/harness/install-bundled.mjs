// The first import of a bundle (workerd, edge-runtime): the harness, its options put in by
// esbuild's `define` when the test bundles the snippet.
import { installHarness } from './harness.mjs';

installHarness(__LUNOS_RUNTIME_HARNESS__);
