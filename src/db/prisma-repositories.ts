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
    // --- repos-a ---
    ...reposA(db, inTransaction, (tx) => build(tx, true)),
    // --- end repos-a ---
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

// --- repos-a ---
import { findEstateSettings, writeEstateSettings } from './estate.repo.js';
import * as personData from './person-data.repo.js';
import { findUnits } from './binding.repo.js';
import { expireRetained } from './retention.repo.js';
import * as fee from './fee.repo.js';

import { isPostgres } from './client.js';
import * as outbox from './outbox.repo.js';
import { findMediaById } from './media.repo.js';
import * as ledger from './send-ledger.repo.js';
import * as win from './service-window.repo.js';

type ReposA = Pick<
  Repositories,
  'settings' | 'personData' | 'retention' | 'fees' | 'outboxDispatch' | 'sendLedger' | 'windows'
>;

/** `bind`: the bundle over a transaction client (for a unit of work's callback). */
function reposA(db: Prisma, inTransaction: boolean, bind: (tx: Prisma) => Repositories): ReposA {
  /** A unit of work that opens its own transaction is refused inside `transaction` (a transaction client has none). */
  const refused = (name: string): Promise<never> =>
    Promise.reject(new Error(`${name} opens its own transaction: call it outside repos.transaction`));
  return {
    settings: {
      settingsOf: (estateId) => findEstateSettings(db, estateId),
      write: (estateId, change, audit) =>
        inTransaction ? refused('settings.write') : writeEstateSettings(db, estateId, change, audit),
    },
    personData: {
      byPhone: (phone) => personData.personsByPhone(db, phone),
      ofUnit: (unitId) => personData.personsOfUnit(db, unitId),
      unitsAt: async (estateId, building, entrance, room) =>
        (await findUnits(db, estateId, building, entrance, room)).map((u) => u.id),
      isStaff: async (personId) => (await db.staff.findUnique({ where: { personId }, select: { id: true } })) !== null,
      collect: (personId, addressOf) => personData.collectPersonData(db, personId, addressOf),
      auditExport: (p) => personData.auditExport(db, p),
      closeRequests: async (personId, at) => {
        await personData.closePrivacyRequests(db, personId, at);
      },
      erase: (p) => (inTransaction ? refused('personData.erase') : personData.erasePerson(db, p)),
      openRequest: (p, notify) =>
        inTransaction
          ? refused('personData.openRequest')
          : personData.openPrivacyRequest(db, p, (tx, id) => notify(bind(tx as unknown as Prisma), id)),
      phoneOf: async (personId) =>
        (await db.person.findUnique({ where: { id: personId }, select: { phone: true } }))?.phone ?? null,
    },
    retention: { expire: (cut) => expireRetained(db, cut) },
    fees: {
      billsOfUnits: (unitIds) => fee.billsOfUnits(db, unitIds),
      setOptOut: (writer, o) => (inTransaction ? refused('fees.setOptOut') : fee.setFeeOptOut(db, writer, o)),
      clearOptOut: (personId) => fee.clearFeeOptOut(db, personId),
      estates: () => fee.estatesForFees(db),
      arrearsBills: (estateId, dueOnOrBefore) => fee.arrearsBills(db, estateId, dueOnOrBefore),
      estateOwners: (estateId) => fee.estateOwners(db, estateId),
      optedOut: () => fee.feeOptOuts(db),
      lastReminders: (since) => fee.lastReminders(db, since),
      sentNoticeKeys: (estateId, fromDueDate) => fee.sentNoticeKeys(db, estateId, fromDueDate),
      recordReminder: (writer, r) =>
        inTransaction ? refused('fees.recordReminder') : fee.recordFeeReminder(db, writer, r),
      estateForImport: (code) => fee.estateForImport(db, code),
      unitIndex: (estateId) => fee.unitIndex(db, estateId),
      inImportTransaction: (fn) =>
        inTransaction
          ? refused('fees.inImportTransaction')
          : fee.inBillTransaction(db, (tx) =>
              fn({
                existing: (estateId, keys) => fee.existingBillsFor(tx, estateId, keys),
                write: (creates, updates) => fee.writeBillBatch(tx, creates, updates),
              }),
            ),
    },
    outboxDispatch: {
      multiInstance: isPostgres(db),
      claimDue: (opts) => outbox.claimDue(db, opts),
      claimGroupCompanions: (q) => outbox.claimGroupCompanions(db, q),
      markSent: (rows, sentAt, mergedInto) => outbox.markSent(db, rows, sentAt, mergedInto),
      release: (row, change) => outbox.releaseRow(db, row, change),
      markDead: (row, change) => outbox.markDead(db, row, change),
      hold: (row, reason) => win.holdRow(db, row, reason),
      mediaById: (id) => findMediaById(db, id),
    },
    sendLedger: {
      reserve: (req) => (inTransaction ? refused('sendLedger.reserve') : ledger.reserveSendSlot(db, req)),
      end: (id, at) => ledger.endSend(db, id, at),
      block: (b) => ledger.blockSends(db, { ...b, address: b.address ?? ledger.WHOLE_CHANNEL }),
      prune: (p) => ledger.pruneSendLedger(db, p),
    },
    windows: {
      open: (w) => win.openWindow(db, w),
      reserve: (channel, address, l) => win.reserveSlot(db, channel, address, l),
      spend: (channel, address, l) => win.spendSlot(db, channel, address, l),
      refund: (channel, address, slot) => win.refundSlot(db, channel, address, slot),
      exhaust: (channel, address, l) => win.exhaustWindow(db, channel, address, l),
      isUnfollowed: (channel, address) => win.isUnfollowed(db, channel, address),
      markUnfollowed: (u) => win.markUnfollowed(db, u),
      releaseHeld: (channel, address, now) => win.releaseHeld(db, channel, address, now),
      estateSettings: (estateId) => win.estateSettings(db, estateId),
    },
  };
}
// --- end repos-a ---
