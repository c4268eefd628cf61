import { describeRuntime } from './src/describe-runtime';

describeRuntime('node20');
