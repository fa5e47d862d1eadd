// `testTimeout` inside a jest project entry is ignored; int, chaos and e2e specs (real servers, real
// browsers, a machine shared with other work) get their longer limit here instead.
jest.setTimeout(120_000);
