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
