// Run by startup.bench.ts: where one start's time goes. performance.now() counts from process start, so the
// first reading is node + tsx boot; then the heavy packages one by one (each line is what it adds), the rest of
// the app's modules, and startApp itself (migrations, seed, HTTP listening). wechaty is timed after ready: the app
// loads it only when WeChat is configured.
const boot = performance.now();
const steps: string[] = [`node+tsx boot ${boot.toFixed(0)} ms`];
let last = boot;
const lap = (what: string) => {
  const now = performance.now();
  steps.push(`${what} ${(now - last).toFixed(0)} ms`);
  last = now;
};
await import('@prisma/client/runtime/client');
lap('prisma runtime');
await import('botbuilder');
await import('botbuilder-dialogs');
lap('botbuilder');
await import('grammy');
lap('grammy');
await import('vega');
await import('vega-lite');
await import('@resvg/resvg-js');
lap('vega + vega-lite + resvg');
const { startApp } = await import('../src/main.js');
lap('rest of src (tsx transpile + load)');
const app = await startApp();
lap('startApp (migrate, seed, listen)');
const ready = performance.now();
await import('wechaty');
lap('[not part of this start] wechaty, loaded only when WECHATY_PUPPET is set');
process.stdout.write(`${steps.join(', ')}; ready after ${ready.toFixed(0)} ms\n`);
await app.stop();
