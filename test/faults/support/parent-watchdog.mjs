// Preloaded into the app's child process by child-app.ts (`node --import <this> …`): if the test process dies without
// killing its children (a crash, a CI timeout), the child notices its parent is gone and exits instead of polling
// the vanished fake Telegram API forever.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 1000).unref();
