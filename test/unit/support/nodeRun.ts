// n8n-core writes its instance config into the user folder: this import must come first.
import '../../engine/support/userFolder';

// The engine logs every node error to the console; the tests assert on them instead.
process.env.N8N_LOG_LEVEL = 'silent';

// A workflow run plus real backoff sleeps can outlast jest's 5 s on a loaded machine.
jest.setTimeout(20_000);

export { runWorkflow } from '../../engine/support/runWorkflow';
