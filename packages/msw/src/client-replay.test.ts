import { describeClientReplay } from './test-utils/client-replay-suite';

describeClientReplay('node');
