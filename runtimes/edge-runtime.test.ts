import { describeRuntime } from './src/describe-runtime';

describeRuntime('edge-runtime');
