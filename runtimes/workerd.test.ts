import { describeRuntime } from './src/describe-runtime';

describeRuntime('workerd');
