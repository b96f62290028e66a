// "Now", as every service, job, adapter and the dispatcher reads it: always passed in, never read from the process
// clock inside a service. The composition roots (src/main.ts, src/cli.ts) pass `systemClock`; tests pass a fixed or
// simulated one, so no outcome depends on the day the code runs.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
