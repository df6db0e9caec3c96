// One jest project per layer of proof; `npm test` runs them all.
// Type checking is `tsc -p tsconfig.test.json`, so ts-jest only transpiles here.
// Tests run away from UTC, so code that reads local time where UTC is meant shows up.
process.env.TZ = 'America/New_York';

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

const project = (name, options = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform,
	modulePathIgnorePatterns: ['<rootDir>/.cache/', '<rootDir>/dist/'],
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
	...options,
	// Every file takes nock's interception off when it ends (see the file).
	setupFilesAfterEnv: ['<rootDir>/test/support/restoreNock.ts', ...(options.setupFilesAfterEnv ?? [])],
});

module.exports = {
	projects: [
		project('unit'),
		project('engine', {
			setupFiles: ['<rootDir>/test/engine/support/n8nCoreEnvironment.ts'],
			setupFilesAfterEnv: [
				'<rootDir>/test/engine/support/workflowRunTimeout.ts',
				'<rootDir>/test/engine/support/forgetPlanGates.ts',
			],
		}),
		project('emulator'),
		project('e2e', {
			// A first run installs the pinned n8n (minutes) before any test starts.
			globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
			setupFilesAfterEnv: ['<rootDir>/test/support/longTests.ts'],
		}),
		// The Segmind Trigger activated in n8n 2.41.1 and 1.123.81 side by side: minutes of polls.
		project('e2e-polling', {
			globalSetup: '<rootDir>/test/e2e-polling/support/global-setup.ts',
			setupFilesAfterEnv: ['<rootDir>/test/support/longTests.ts'],
		}),
		project('browser', { setupFilesAfterEnv: ['<rootDir>/test/support/longTests.ts'] }),
	],
};
