// The Prisma implementation of the Repositories bundle (src/db/repositories.ts). Built once by the composition root;
// `transaction` hands `fn` the same bundle bound to one Prisma transaction.
import type { Prisma } from './client.js';
import { findDefaultEstate, findEstateById } from './estate.repo.js';
import { buildingsOf, collectionTotals, largestArrears } from './fee.repo.js';
import { setIdentityLocale, touchIdentity, touchKnownIdentity, touchKnownIdentityWithState } from './identity.repo.js';
import { claimJobRun, finishJobRun, latestJobRun, recordSkippedJobRun } from './job-run.repo.js';
import { saveMediaFile } from './media.repo.js';
import { PrismaOutboxStore } from './outbox-store.js';
import type { Repositories } from './repositories.js';
import { undeliveredFor } from './service-window.repo.js';
// --- survey, notices, passes, keys, staff, renovation, binding ---
import * as survey from './survey.repo.js';
import * as notices from './notice.repo.js';
import * as passes from './contractor-pass.repo.js';
import * as visitors from './visitor.repo.js';
import * as guard from './binding-guard.repo.js';
import * as staffAdmin from './staff-admin.repo.js';
import * as keys from './key.repo.js';
import { findMediaByContentUrl } from './media.repo.js';
import * as renovation from './renovation.repo.js';
import * as binding from './binding.repo.js';

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
      touchKnownWithState: (input, stateKey) => touchKnownIdentityWithState(db, input, stateKey),
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
    // --- settings, privacy, fees, the dispatcher ---
    ...reposA(db, inTransaction, (tx) => build(tx, true)),
    // --- survey, notices, passes, keys, staff, renovation, binding ---
    survey: {
      estates: () => survey.surveyEstates(db),
      findRound: (estateId, period) => survey.findRound(db, estateId, period),
      ensureRound: (r) => survey.ensureRound(db, r),
      completeRound: (roundId, at) => survey.completeRound(db, roundId, at),
      boundOwners: (estateId) => survey.boundOwners(db, estateId),
      optOuts: () => survey.surveyOptOuts(db),
      isOptedOut: (personId) => survey.isSurveyOptedOut(db, personId),
      setOptOut: (personId, at) => survey.setSurveyOptOut(db, personId, at),
      clearOptOut: (personId) => survey.clearSurveyOptOut(db, personId),
      invitedPeople: (roundId) => survey.invitedPeople(db, roundId),
      createResponse: (r) => survey.createResponse(db, r),
      deleteResponse: (id) => survey.deleteResponse(db, id),
      openResponseOf: (personId) => survey.openResponseOf(db, personId),
      saveAnswers: (id, answers, at) => survey.saveAnswers(db, id, answers, at),
      completeResponse: (id, opinion, at) => survey.completeResponse(db, id, opinion, at),
      dueReminders: (roundId, before) => survey.dueSurveyReminders(db, roundId, before),
      markReminded: (id, at) => survey.markReminded(db, id, at),
      roundResponses: (roundId) => survey.roundResponses(db, roundId),
      buildingNames: (estateId) => survey.buildingNames(db, estateId),
      roundOpinions: (roundId) => survey.roundOpinions(db, roundId),
      unitLabelParts: (unitId) => survey.unitLabelParts(db, unitId),
      linkOpinionTicket: (responseId, ticketId) => survey.linkOpinionTicket(db, responseId, ticketId),
      ticketNumbers: (ids) => survey.ticketNumbers(db, ids),
      opinionCount: (estateId, period) => survey.opinionCount(db, estateId, period),
    },
    suggestions: {
      create: (data) => notices.createSuggestion(db, data),
      bySeq: (estateId, seq) => notices.findSuggestion(db, estateId, seq),
      list: (estateId, opts) => notices.listSuggestions(db, estateId, opts),
      answer: (id, answer, by, at) => notices.answerSuggestion(db, id, answer, by, at),
      counts: (estateId, from, to) => notices.suggestionCounts(db, estateId, from, to),
    },
    contractorPasses: {
      file: (p, notify) => passes.fileContractorPass(db, p, (tx, pass) => notify(new PrismaOutboxStore(tx), pass)),
      bySeq: (estateId, seq) => passes.passBySeq(db, estateId, seq),
      decide: (id, d, notify) => passes.decidePass(db, id, d, (tx, pass) => notify(new PrismaOutboxStore(tx), pass)),
    },
    visitorPasses: {
      codeInUse: (estateId, visitDate, codeHash) => visitors.codeInUse(db, estateId, visitDate, codeHash),
      insert: (p) => visitors.insertVisitorPass(db, p),
      byCode: (estateId, visitDate, codeHash) => visitors.passesByCode(db, estateId, visitDate, codeHash),
      use: (id, actor, at) => visitors.usePass(db, id, actor, at),
      upcomingOf: (ownerPersonId, fromDate) => visitors.upcomingPassesOf(db, ownerPersonId, fromDate),
    },
    attempts: {
      record: (key, at) => guard.recordAttempt(db, key, at),
      forget: (id) => guard.forgetAttempt(db, id),
      countFailures: (key, since, upTo) => guard.countFailures(db, key, since, upTo),
    },
    staffAdmin: {
      activeStaffByName: (estateId, name) => findActiveStaffByName(db, estateId, name),
      activeForemen: (estateId) => staffAdmin.activeForemen(db, estateId),
      handOverLeaver: (p, tell) => staffAdmin.handOverLeaver(db, p, (tx, h) => tell(new PrismaOutboxStore(tx), h)),
      unregisterStaffChat: (p) => staffAdmin.unregisterStaffChat(db, p),
    },
    keys: {
      bookWithSeat: (a, capacity) => keys.bookWithSeat(db, a, capacity),
      moveToSlot: (id, estateId, slotStart, capacity) => keys.moveToSlot(db, id, estateId, slotStart, capacity),
      cancelBooked: (id, actor, at) => keys.cancelBooked(db, id, actor, at),
      findAppointment: (id) => keys.findAppointment(db, id),
      findBookedByCode: (estateId, codeHash, from, to) => keys.findBookedByCode(db, estateId, codeHash, from, to),
      appointmentsBetween: (estateId, from, to) => keys.appointmentsBetween(db, estateId, from, to),
      ownerBookedAppointments: (ownerPersonId) => keys.ownerBookedAppointments(db, ownerPersonId),
      countSeats: (estateId, slotStarts) => keys.countSeats(db, estateId, slotStarts),
      completeHandover: (appt, actor, at) => keys.completeHandover(db, appt, actor, at),
      dueReminders: (from, to) => keys.dueReminders(db, from, to),
      markReminded: (writer, appt, at, notice) => keys.markReminded(db, writer, appt, at, notice),
      overdueBooked: (slotBefore) => keys.overdueBooked(db, slotBefore),
      markNoShow: (writer, appt, at, notice) => keys.markNoShow(db, writer, appt, at, notice),
      heldByOwner: (ownerPersonId) => keys.heldByOwner(db, ownerPersonId),
      findHolding: (id) => keys.findHolding(db, id),
      upsertAuthorised: (holdingId, name, phone, actor, at) =>
        keys.upsertAuthorised(db, holdingId, name, phone, actor, at),
      deleteAuthorised: (holdingId, phone, actor, at) => keys.deleteAuthorised(db, holdingId, phone, actor, at),
      estateSettings: (estateId) => findEstateSettings(db, estateId),
    },
    notices: {
      buildingNames: (estateId) => notices.buildingNames(db, estateId),
      createDraft: (data) => notices.createNoticeDraft(db, data),
      bySeq: (estateId, seq) => notices.findNotice(db, estateId, seq),
      latestDraft: (estateId, authorStaffId, channel, conversation) =>
        notices.latestDraft(db, estateId, authorStaffId, channel, conversation),
      cancelDraft: (id) => notices.moveDraft(db, id, { status: 'CANCELLED' }),
      countAudience: (f) => notices.countAudience(db, f),
      publish: (p, groups) =>
        ownTransaction(
          db,
          inTransaction,
          async (tx) => {
            if (!(await notices.moveDraft(tx, p.draftId, { status: 'SENT', sentAt: p.sentAt })))
              return { moved: false as const };
            const fanOut = p.fanOut as notices.FanOut;
            const privateCount = await notices.planNoticeRows(tx, p.filter, fanOut);
            const groupCount = await groups(new PrismaOutboxStore(tx), privateCount);
            await notices.setNoticeCounts(tx, p.draftId, privateCount, groupCount);
            return { moved: true as const, privateCount, groupCount };
          },
          p.timeoutMs,
        ),
      recent: (estateId, since, limit) => notices.recentNotices(db, estateId, since, limit),
      countSent: (estateId, from, to) => notices.countSentNotices(db, estateId, from, to),
      unitsOfPerson: (personId, today) => notices.unitsOfPerson(db, personId, today),
      ownerGroupsOf: (estateId) => notices.ownerGroupsOf(db, estateId),
      registerOwnerGroup: async (g) => {
        await notices.registerOwnerGroup(db, g);
      },
      isStaffChat: (channel, chatId) => notices.isStaffChat(db, channel, chatId),
      mediaByContentUrl: (contentUrl) => findMediaByContentUrl(db, contentUrl),
    },
    renovation: {
      estatesForJobs: () => renovation.listEstatesForJobs(db),
      runningPermitsEndingBetween: (estateId, from, to) =>
        renovation.runningPermitsEndingBetween(db, estateId, from, to),
      runningPermitsEndedBefore: (estateId, date) => renovation.runningPermitsEndedBefore(db, estateId, date),
      permitsByStatus: (estateId, statuses) => renovation.listPermitsByStatus(db, estateId, statuses),
      unitsWithBuilding: (unitIds) => renovation.unitsWithBuilding(db, unitIds),
      expirePermit: (writer, p, at, ownerNotice, staffNotice) =>
        renovation.expirePermit(db, writer, p, at, ownerNotice, staffNotice),
      findUnitId: (estateId, building, entrance, room) => renovation.findUnitId(db, estateId, building, entrance, room),
      findUnitOwnerByPhone: (unitId, phone) => renovation.findUnitOwnerByPhone(db, unitId, phone),
      existingPermitNumbers: (estateId, numbers) => renovation.existingPermitNumbers(db, estateId, numbers),
      importPermits: (estateId, permits, audit) => renovation.importPermits(db, estateId, permits, audit),
      createPermitAudited: (p, audit) => renovation.createPermitAudited(db, p, audit),
      permitsOfPerson: (personId) => renovation.listPermitsOfPerson(db, personId),
      permitById: (id) => renovation.findPermitById(db, id),
      openPermitOfUnit: (unitId) => renovation.openPermitOfUnit(db, unitId),
      pendingRequestsOfPermit: (permitId) => renovation.pendingRequestsOfPermit(db, permitId),
      pendingRequests: (estateId) => renovation.listPendingRequests(db, estateId),
      requestBySeq: (estateId, seq) => renovation.findRequestBySeq(db, estateId, seq),
      takenInspectionSlots: (estateId, from, to) => renovation.takenInspectionSlots(db, estateId, from, to),
      peopleByIds: (ids) => renovation.peopleByIds(db, ids),
      submitRequest: (writer, r, staffNotice) => renovation.submitRequest(db, writer, r, staffNotice),
      decideRequest: (writer, id, d, ownerNotice) => renovation.decideRequest(db, writer, id, d, ownerNotice),
      submitApplication: (writer, a, staffNotice) => renovation.submitApplication(db, writer, a, staffNotice),
      dueApprovalChecks: (now, limit) => renovation.dueApprovalChecks(db, now, limit),
      takeApprovalSteps: (writer, expect, next, at, steps) =>
        renovation.takeApprovalSteps(db, writer, expect, next, at, steps),
      estateSettings: (estateId) => estateSettingsOf(db, estateId),
      estateZone: (estateId) => estateZoneOf(db, estateId),
    },
    binding: {
      findUnits: (estateId, building, entrance, room) => binding.findUnits(db, estateId, building, entrance, room),
      unitWithMembers: (unitId) => binding.unitWithMembers(db, unitId),
      audit: async (entry) => {
        await binding.audit(db, entry);
      },
      liveBindingCode: (codeHash) => binding.liveBindingCode(db, codeHash),
      liveStaffCode: (codeHash) => binding.liveStaffCode(db, codeHash),
      identityById: (identityId) => binding.identityById(db, identityId),
      staffByName: (estateId, name) => binding.staffByName(db, estateId, name),
      staffChatByChat: (channel, chatId) => binding.staffChatByChat(db, channel, chatId),
      personName: async (personId) => (await renovation.peopleByIds(db, [personId])).get(personId)?.name ?? null,
      redeemBindingCode: (p, announce) => binding.redeemBindingCode(db, p, (tx, b) => announce(bound(tx), b)),
      bindToMember: ({ claim, ...p }, announce) =>
        binding.bindToMember(db, { ...p, ...(claim ? { claim: (tx) => claim(bound(tx)) } : {}) }, (tx, b) =>
          announce(bound(tx), b),
        ),
      saveBindingCode: (p) => binding.saveBindingCode(db, p),
      saveStaffCode: (p) => binding.saveStaffCode(db, p),
      redeemStaffCode: (p) => binding.redeemStaffCode(db, p),
      unbindIdentity: (identityId, at) => binding.unbindIdentity(db, identityId, at),
      addPersonToUnit: (p) => binding.addPersonToUnit(db, p),
      removePersonFromUnit: (p) => binding.removePersonFromUnit(db, p),
      registerStaffChat: (p) => binding.registerStaffChat(db, p),
      recentBindingsOf: (personId, exceptIdentityId, after) =>
        binding.recentBindingsOf(db, personId, exceptIdentityId, after),
      lastBoundAt: (identityId) => binding.lastBoundAt(db, identityId),
      disownIdentities: (p, alert) => binding.disownIdentities(db, p, (tx) => alert(bound(tx))),
      latestBindingCodeOf: (unitId) => binding.latestBindingCodeOf(db, unitId),
      accountFailures: (identityId, since) => guard.accountFailures(db, identityId, since),
      approvalBySeq: (estateId, seq) => guard.approvalBySeq(db, estateId, seq),
      pendingApprovalOf: (identityId) => guard.pendingApprovalOf(db, identityId),
      createApproval: (a, inTx) => guard.createApproval(db, a, (tx, seq) => inTx(bound(tx), seq)),
      decideApproval: (id, status, by, at) => guard.decideApproval(db, id, status, by, at),
    },
    transaction: inTransaction
      ? (fn) => fn(repos)
      : (fn) => db.$transaction((tx) => fn(build(tx as unknown as Prisma, true))),
  };
  return repos;
}

// --- survey, notices, passes, keys, staff, renovation, binding ---
/** The repositories bound to a transaction a repo unit of work opened (for its callbacks). */
function bound(tx: unknown): Repositories {
  return build(tx as Prisma, true);
}

/** Runs `fn` in a transaction of its own, or in the one `db` already is. */
function ownTransaction<T>(db: Prisma, inTransaction: boolean, fn: (tx: Prisma) => Promise<T>, timeoutMs?: number) {
  if (inTransaction) return fn(db);
  return db.$transaction(
    (tx) => fn(tx as unknown as Prisma),
    timeoutMs === undefined ? undefined : { timeout: timeoutMs },
  );
}

/** The repositories over one Prisma client (the app's, or a test database's). */
export function createRepositories(prisma: Prisma): Repositories {
  return build(prisma, false);
}

// --- tickets, callbacks, SLA, reports ---
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

/** The ticket, callback, SLA and report repositories; those taking a NoticeWriter open a transaction of their own. */
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
// --- settings, privacy, fees, the dispatcher ---
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

// --- the plain row types are the schema's rows ---
// rows.ts and repositories.ts declare what the layers above see by hand; here the compiler holds each to the
// generated model (both clients: they come from the same models). A column added, removed, renamed or retyped in
// prisma/models, or an enum value changed, fails `tsc` on its line until the plain type says the same.
import type * as Lite from '../generated/sqlite/client.js';
import type * as Pg from '../generated/postgresql/client.js';
import type * as rows from './rows.js';
import type {
  ContractorPassRecord,
  ContractorPassStatus,
  NoticeRecord,
  OwnerGroupRecord,
  SuggestionRecord,
} from './repositories.js';

/** true when A and B are assignable both ways (the same shape). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile unless the plain type is the model row of both generated clients. */
type Row<Plain, L, P> = [Same<Plain, L>, Same<Plain, P>] extends [true, true] ? true : false;
type Holds<T extends true> = T;

type PlainRowsAreTheSchema = [
  Holds<Row<rows.TicketKind, Lite.TicketKind, Pg.TicketKind>>,
  Holds<Row<rows.TicketStatus, Lite.TicketStatus, Pg.TicketStatus>>,
  Holds<Row<rows.TicketRow, Lite.Ticket, Pg.Ticket>>,
  Holds<Row<rows.TicketEventRow, Lite.TicketEvent, Pg.TicketEvent>>,
  Holds<Row<rows.CallbackRow, Lite.Callback, Pg.Callback>>,
  Holds<Row<rows.TicketAttachmentRow, Lite.TicketAttachment, Pg.TicketAttachment>>,
  Holds<Row<rows.OutboxStatus, Lite.OutboxStatus, Pg.OutboxStatus>>,
  Holds<Row<rows.OutboxRow, Lite.OutboxMessage, Pg.OutboxMessage>>,
  Holds<Row<rows.RenovationPermitStatus, Lite.RenovationPermitStatus, Pg.RenovationPermitStatus>>,
  Holds<Row<rows.RenovationDepositStatus, Lite.RenovationDepositStatus, Pg.RenovationDepositStatus>>,
  Holds<Row<rows.RenovationRequestKind, Lite.RenovationRequestKind, Pg.RenovationRequestKind>>,
  Holds<Row<rows.RenovationRequestStatus, Lite.RenovationRequestStatus, Pg.RenovationRequestStatus>>,
  Holds<Row<rows.PermitRow, Lite.RenovationPermit, Pg.RenovationPermit>>,
  Holds<Row<rows.RenovationRequestRow, Lite.RenovationRequest, Pg.RenovationRequest>>,
  Holds<Row<rows.KeyAppointmentKind, Lite.KeyAppointmentKind, Pg.KeyAppointmentKind>>,
  Holds<Row<rows.KeyAppointmentStatus, Lite.KeyAppointmentStatus, Pg.KeyAppointmentStatus>>,
  Holds<Row<rows.KeyHoldingStatus, Lite.KeyHoldingStatus, Pg.KeyHoldingStatus>>,
  Holds<Row<rows.KeyAppointmentRecord, Lite.KeyAppointment, Pg.KeyAppointment>>,
  Holds<Row<rows.KeyHoldingRecord, Lite.KeyHolding, Pg.KeyHolding>>,
  Holds<Row<rows.KeyAuthorisedPersonRecord, Lite.KeyAuthorisedPerson, Pg.KeyAuthorisedPerson>>,
  Holds<Row<rows.PersonRow, Lite.Person, Pg.Person>>,
  Holds<Row<rows.UnitRow, Lite.Unit, Pg.Unit>>,
  Holds<Row<rows.MembershipRow, Lite.UnitMembership, Pg.UnitMembership>>,
  Holds<Row<rows.ChannelIdentityRow, Lite.ChannelIdentity, Pg.ChannelIdentity>>,
  Holds<Row<rows.StaffRow, Lite.Staff, Pg.Staff>>,
  Holds<Row<rows.BindingCodeRow, Lite.BindingCode, Pg.BindingCode>>,
  Holds<Row<rows.StaffCodeRow, Lite.StaffCode, Pg.StaffCode>>,
  Holds<Row<rows.BindingApprovalStatus, Lite.BindingApprovalStatus, Pg.BindingApprovalStatus>>,
  Holds<Row<rows.BindingApprovalRow, Lite.BindingApproval, Pg.BindingApproval>>,
  Holds<Row<rows.MediaFileRecord, Lite.MediaFile, Pg.MediaFile>>,
  Holds<Row<rows.HandoffStatus, Lite.HandoffStatus, Pg.HandoffStatus>>,
  Holds<Row<rows.HandoffRow, Lite.Handoff, Pg.Handoff>>,
  Holds<Row<rows.FeeBillRow, Lite.FeeBill, Pg.FeeBill>>,
  Holds<Row<rows.FeeNoticeRow, Lite.FeeNotice, Pg.FeeNotice>>,
  Holds<Row<rows.FeeReminderOptOutRow, Lite.FeeReminderOptOut, Pg.FeeReminderOptOut>>,
  Holds<Row<rows.PrivacyRequestStatus, Lite.PrivacyRequestStatus, Pg.PrivacyRequestStatus>>,
  Holds<Row<rows.PrivacyRequestRow, Lite.PrivacyRequest, Pg.PrivacyRequest>>,
  Holds<Row<rows.AuditLogRow, Lite.AuditLog, Pg.AuditLog>>,
  Holds<Row<rows.JsonValue, Lite.Prisma.JsonValue, Pg.Prisma.JsonValue>>,
  // the plain records repositories.ts declares
  Holds<Row<ContractorPassStatus, Lite.ContractorPassStatus, Pg.ContractorPassStatus>>,
  Holds<Row<ContractorPassRecord, Lite.ContractorPass, Pg.ContractorPass>>,
  Holds<Row<rows.VisitorPassRecord, Lite.VisitorPass, Pg.VisitorPass>>,
  Holds<Row<NoticeRecord, Lite.Notice, Pg.Notice>>,
  Holds<Row<OwnerGroupRecord, Lite.OwnerGroup, Pg.OwnerGroup>>,
  Holds<Row<SuggestionRecord, Lite.Suggestion, Pg.Suggestion>>,
];
