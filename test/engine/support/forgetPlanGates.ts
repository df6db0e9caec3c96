// Every test starts with no pause or limit learnt from another test's 429s: the plan gates live
// as long as the process (as in n8n), and these tests share one. The gate's module is loaded
// only after the test, so that test files can still mock the client's modules (pause.ts) it
// imports.
afterEach(async () => {
	const { forgetPlanGates } = await import('../../../nodes/shared/client/rateLimitGate');
	forgetPlanGates();
});
