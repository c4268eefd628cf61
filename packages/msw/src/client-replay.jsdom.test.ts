// @vitest-environment jsdom
import { describeClientReplay } from './test-utils/client-replay-suite';

describeClientReplay('jsdom');
