// Every test starts with no pause or limit learnt from another test's 429s: the plan gates live
// as long as the process (as in n8n), and these tests share one. Only the gate's own module is
// loaded here, so that test files can still mock the client's other modules (pause.ts).
import { forgetPlanGates } from '../../../nodes/shared/client/rateLimitGate';

afterEach(() => forgetPlanGates());
