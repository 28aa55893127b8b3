import { createApp } from './app/create-app.js';

/** Entry for `probot run`: the app with its defaults (in-process queue, engine per config). */
export default createApp({ probeGitHub: true });
