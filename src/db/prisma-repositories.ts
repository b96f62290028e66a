// The Prisma implementation of the Repositories bundle (src/db/repositories.ts). Built once by the composition root;
// `transaction` hands `fn` the same bundle bound to one Prisma transaction.
import type { Prisma } from './client.js';
import { findDefaultEstate, findEstateById } from './estate.repo.js';
import { buildingsOf, collectionTotals, largestArrears } from './fee.repo.js';
import { setIdentityLocale, touchIdentity, touchKnownIdentity } from './identity.repo.js';
import { claimJobRun, finishJobRun, latestJobRun, recordSkippedJobRun } from './job-run.repo.js';
import { saveMediaFile } from './media.repo.js';
import { PrismaOutboxStore } from './outbox-store.js';
import type { Repositories } from './repositories.js';
import { undeliveredFor } from './service-window.repo.js';

/**
 * `inTransaction`: `db` is a transaction client (typed as the client: the repo functions take one, and none of those
 * bound here opens a transaction of its own); a nested `transaction` then runs in it.
 */
function build(db: Prisma, inTransaction: boolean): Repositories {
  const repos: Repositories = {
    outbox: new PrismaOutboxStore(db),
    estates: { byId: (id) => findEstateById(db, id), findDefault: () => findDefaultEstate(db) },
    identities: {
      touch: (input) => touchIdentity(db, input),
      touchKnown: (input) => touchKnownIdentity(db, input),
      setLocale: (identityId, locale) => setIdentityLocale(db, identityId, locale),
    },
    media: { save: (file) => saveMediaFile(db, file) },
    jobRuns: {
      claim: (jobId, scheduledFor, startedAt) => claimJobRun(db, jobId, scheduledFor, startedAt),
      finish: (id, outcome, finishedAt) => finishJobRun(db, id, outcome, finishedAt),
      recordSkipped: (jobId, scheduledFor, at) => recordSkippedJobRun(db, jobId, scheduledFor, at),
      latest: (jobId) => latestJobRun(db, jobId),
    },
    serviceWindow: { undelivered: (q) => undeliveredFor(db, q) },
    feeFigures: {
      buildingsOf: (estateId) => buildingsOf(db, estateId),
      collectionTotals: (estateId, f) => collectionTotals(db, estateId, f),
      largestArrears: (estateId, f) => largestArrears(db, estateId, f),
    },
    transaction: inTransaction
      ? (fn) => fn(repos)
      : (fn) => db.$transaction((tx) => fn(build(tx as unknown as Prisma, true))),
  };
  return repos;
}

/** The repositories over one Prisma client (the app's, or a test database's). */
export function createRepositories(prisma: Prisma): Repositories {
  return build(prisma, false);
}
