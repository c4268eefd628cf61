// @vitest-environment happy-dom
import { describeClientReplay } from './test-utils/client-replay-suite';

describeClientReplay('happy-dom');
