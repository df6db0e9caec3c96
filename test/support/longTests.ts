// Real n8n runs take tens of seconds each, and a first run installs n8n: long tests by design.
jest.setTimeout(300_000);
