import { run } from './main';

await run();
// @gradio/client can leave a heartbeat request open after close(); exit instead of waiting on it.
process.exit();
