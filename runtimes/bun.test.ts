import { describeRuntime } from './src/describe-runtime';

describeRuntime('bun');
