export { type NodeListener, toNodeListener } from './to-node-listener';
