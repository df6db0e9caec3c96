// The item pipeline every node of the package runs its operations on.
export { defineOperation, type ItemOutput, type ItemUnit, type Operation } from './Operation';
export { routerOf, type Router, type RouterLayout } from './router';
export {
	readRunSettings,
	ReadAhead,
	runInPool,
	runOperation,
	type JobBuilder,
	type RunSettings,
} from './runOperation';
