// A workflow run plus real backoff sleeps can outlast jest's 5 s on a loaded machine.
jest.setTimeout(20_000);
