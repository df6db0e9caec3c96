// The item pipeline every node of the package runs its operations on.
export { defineOperation, type ItemOutput, type ItemUnit, type Operation } from './Operation';
export { runInPool } from './schedule';
export { ReadAhead, type JobBuilder } from './schedule';
export { routerOf, type Router, type RouterLayout } from './router';
export { runOperation } from './runOperation';
