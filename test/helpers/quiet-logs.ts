// Tests are quiet: app logs (Probot's logger, the action log) stay silent unless a test asks for
// them with its own logger, or the person running the suite sets LOG_LEVEL (e.g. LOG_LEVEL=debug
// npm test -- test/app-review.test.ts) to watch what the app does.
process.env.LOG_LEVEL ??= 'silent';
