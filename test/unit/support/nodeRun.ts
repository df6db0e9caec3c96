// n8n-core writes its instance config into the user folder: this import must come first.
import '../../engine/support/userFolder';

export { runWorkflow } from '../../engine/support/runWorkflow';
