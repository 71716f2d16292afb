export { createHqApp } from './app.ts';
export { createHqRuntime, type HqRuntime } from './services.ts';
export { startHq, type RunningHq, type StartHqOptions } from './server.ts';
