export { runCli } from './cli';
export type { Output } from './output';
