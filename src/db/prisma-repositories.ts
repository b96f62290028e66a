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
    ...reposB(db),
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

// --- repos-b ---
import { markTicketFalseAlarm } from './false-alarm.repo.js';
import { assignedTicketPhotos } from './ticket-photos.repo.js';
import { ticketsAssignedTo, unclaimedTickets } from './work-queue.repo.js';
import {
  closeCallback,
  createHandoff,
  findCallbackByRef,
  openCallbacks,
  remindCallback,
  takeCallback,
  unclosedCallbacks,
} from './handoff.repo.js';
import { dueSlaTickets, estateZoneOf, takeSlaSteps } from './sla.repo.js';
import {
  ackEmergencyTicket,
  addOwnerInfo,
  addStaffAttachments,
  addStaffNote,
  answerTicketSurvey,
  applyTransition,
  claimTicket,
  countAttachments,
  createTicket,
  estateSettingsOf,
  findActiveStaffByName,
  findStaffById,
  findTicketById,
  findTicketByNumber,
  listTicketEvents,
  listTicketsOfPerson,
  personContact,
  reassignTicket,
  remindSurvey,
  resolveTicket,
  resumeTicket,
  sendSurvey,
  sendTicketContactPrivately,
  setTicketWaiting,
  surveysNeedingReminder,
  ticketsAwaitingSurvey,
  ticketsWithOpenSurvey,
  unitLabelParts,
  unitWithOwners,
  updateTicketIf,
  withdrawTicket,
} from './ticket.repo.js';
import { outboxStoreOf } from './outbox-store.js';
import {
  csatScores,
  dayTicketCounts,
  deskAppointments,
  falseAlarmCount,
  overdueTickets,
  repeatCounts,
  reportEstates,
  slaCounts,
  ticketCountsByCategory,
} from './report.repo.js';
import { ticketsForExport } from './export.repo.js';

type ReposB = Pick<
  Repositories,
  'tickets' | 'falseAlarms' | 'ticketPhotos' | 'workQueue' | 'handoffs' | 'sla' | 'reports'
>;

/** The repos-b repositories; those taking a NoticeWriter open a transaction of their own. */
function reposB(db: Prisma): ReposB {
  return {
    tickets: {
      byNumber: (estateId, number) => findTicketByNumber(db, estateId, number),
      byId: (id) => findTicketById(db, id),
      updateIf: (id, cond, data) => updateTicketIf(db, id, cond, data),
      countAttachments: (ticketId) => countAttachments(db, ticketId),
      events: (ticketId) => listTicketEvents(db, ticketId),
      ofPerson: (personId, since, limit) => listTicketsOfPerson(db, personId, since, limit),
      estateSettings: (estateId) => estateSettingsOf(db, estateId),
      personContact: (personId) => personContact(db, personId),
      unitLabelParts: (unitId) => unitLabelParts(db, unitId),
      unitWithOwners: (estateId, a) => unitWithOwners(db, estateId, a),
      staffById: (id) => findStaffById(db, id),
      activeStaffByName: (estateId, name) => findActiveStaffByName(db, estateId, name),
      awaitingSurvey: (now, limit) => ticketsAwaitingSurvey(db, now, limit),
      withOpenSurvey: (personId) => ticketsWithOpenSurvey(db, personId),
      surveysNeedingReminder: (askedBefore) => surveysNeedingReminder(db, askedBefore),
      create: (writer, q, draft) => createTicket(db, writer, q, draft),
      claim: (writer, id, c, by, notices) => claimTicket(db, writer, id, c, by, notices),
      ackEmergency: (writer, id, c, ev, notices) => ackEmergencyTicket(db, writer, id, c, ev, notices),
      addStaffNote: (id, at, ev) => addStaffNote(db, id, at, ev),
      setWaiting: (writer, id, c, ev, notices) => setTicketWaiting(db, writer, id, c, ev, notices),
      resume: (id, at, ev, plan) => resumeTicket(db, id, at, ev, plan),
      resolve: (writer, id, c, by, notices) => resolveTicket(db, writer, id, c, by, notices),
      reassign: (writer, id, c, ev, notices) => reassignTicket(db, writer, id, c, ev, notices),
      withdraw: (writer, id, c, by, notices) => withdrawTicket(db, writer, id, c, by, notices),
      addOwnerInfo: (writer, id, c, by, resume, notices) => addOwnerInfo(db, writer, id, c, by, resume, notices),
      answerSurvey: (writer, ticket, a, rated, reopen) => answerTicketSurvey(db, writer, ticket, a, rated, reopen),
      sendSurvey: (writer, t, at, notices) => sendSurvey(db, writer, t, at, notices),
      remindSurvey: (writer, callbackId, at, notices) => remindSurvey(db, writer, callbackId, at, notices),
      sendContactPrivately: (writer, ticketId, to, text, at) =>
        sendTicketContactPrivately(db, writer, ticketId, to, text, at),
      applyTransition: (writer, id, c, ev, notices) => applyTransition(db, writer, id, c, ev, notices),
      addStaffAttachments: (ticketId, files) => addStaffAttachments(db, ticketId, files),
    },
    falseAlarms: {
      mark: (ticketId, { tellOwner, ...m }) =>
        markTicketFalseAlarm(db, ticketId, {
          ...m,
          tellOwner: tellOwner ? (tx, t) => tellOwner(outboxStoreOf(tx), t) : null,
        }),
    },
    ticketPhotos: { assignedPhotos: (ticketId) => assignedTicketPhotos(db, ticketId) },
    workQueue: {
      unclaimed: (estateId, limit) => unclaimedTickets(db, estateId, limit),
      assignedTo: (staffId, limit) => ticketsAssignedTo(db, staffId, limit),
    },
    handoffs: {
      create: (writer, input, notice) => createHandoff(db, writer, input, notice),
      open: (estateId, limit) => openCallbacks(db, estateId, limit),
      byRef: (estateId, ref) => findCallbackByRef(db, estateId, ref),
      take: (writer, id, staff, at, note) => takeCallback(db, writer, id, staff, at, note),
      close: (id, staff, at, result) => closeCallback(db, id, staff, at, result),
      unclosed: () => unclosedCallbacks(db),
      remind: (writer, c, text, at) => remindCallback(db, writer, c, text, at),
    },
    sla: {
      due: (now, limit) => dueSlaTickets(db, now, limit),
      estateSettings: (estateId) => estateSettingsOf(db, estateId),
      estateZone: (estateId) => estateZoneOf(db, estateId),
      takeSteps: (writer, expect, next, t, steps) => takeSlaSteps(db, writer, expect, next, t, steps),
    },
    reports: {
      estates: () => reportEstates(db),
      overdue: (estateId, now) => overdueTickets(db, estateId, now),
      dayCounts: (estateId, day) => dayTicketCounts(db, estateId, day),
      deskAppointments: (estateId, day) => deskAppointments(db, estateId, day),
      countsByCategory: (estateId, p) => ticketCountsByCategory(db, estateId, p),
      slaCounts: (estateId, p, now) => slaCounts(db, estateId, p, now),
      repeatCounts: (estateId, p) => repeatCounts(db, estateId, p),
      csatScores: (estateId, p) => csatScores(db, estateId, p),
      falseAlarmCount: (estateId, p) => falseAlarmCount(db, estateId, p),
      ticketsForExport: (estateId, p, limit) => ticketsForExport(db, estateId, p, limit),
    },
  };
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
