// Preloaded into every n8n process started from here (NODE_OPTIONS=--require). `n8n execute`
// prints the run, then calls process.exit(): on a pipe, Node writes asynchronously, so a run
// bigger than the pipe's 64 KiB buffer would be cut off. Blocking writes let it all out.
if (process.stdout._handle && typeof process.stdout._handle.setBlocking === 'function') {
	process.stdout._handle.setBlocking(true);
}
