-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "HandoffStatus" AS ENUM ('OPEN', 'TAKEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "KeyHoldingStatus" AS ENUM ('HELD', 'RELEASED');

-- CreateEnum
CREATE TYPE "KeyAppointmentKind" AS ENUM ('DEPOSIT', 'PICKUP');

-- CreateEnum
CREATE TYPE "KeyAppointmentStatus" AS ENUM ('BOOKED', 'DONE', 'NO_SHOW', 'CANCELLED');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'DEAD');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('OWNER', 'FAMILY', 'TENANT');

-- CreateEnum
CREATE TYPE "RenovationPermitStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'FINISHED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "RenovationDepositStatus" AS ENUM ('HELD', 'REFUNDING', 'REFUNDED', 'DEDUCTED');

-- CreateEnum
CREATE TYPE "RenovationRequestKind" AS ENUM ('EXTENSION', 'STOP_WORK', 'RESUME', 'EXIT_INSPECTION');

-- CreateEnum
CREATE TYPE "RenovationRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('ASSISTANT', 'FOREMAN', 'SUPERVISOR', 'MANAGER');

-- CreateEnum
CREATE TYPE "TicketKind" AS ENUM ('COMPLAINT', 'EMERGENCY', 'REQUEST');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('NEW', 'ACCEPTED', 'IN_PROGRESS', 'WAITING_OWNER', 'WAITING_CONTRACTOR', 'RESOLVED', 'CLOSED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "BotState" (
    "key" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotState_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "InboundReceipt" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" TEXT NOT NULL,
    "estateId" TEXT,
    "personId" TEXT,
    "identityId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "callbackText" TEXT NOT NULL,
    "callbackAt" TIMESTAMP(3),
    "status" "HandoffStatus" NOT NULL DEFAULT 'OPEN',
    "takenById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "detail" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Estate" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "deskPhone" TEXT NOT NULL,
    "emergencyPhone" TEXT NOT NULL,
    "settings" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Estate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Building_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "entrance" TEXT NOT NULL DEFAULT '',
    "room" TEXT NOT NULL,
    "areaSqm" INTEGER,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeBill" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "feeType" TEXT NOT NULL,
    "amountDueCents" INTEGER NOT NULL,
    "amountPaidCents" INTEGER NOT NULL,
    "outstandingCents" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,

    CONSTRAINT "FeeBill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeNotice" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "outboxDedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeeReminderOptOut" (
    "personId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeReminderOptOut_pkey" PRIMARY KEY ("personId")
);

-- CreateTable
CREATE TABLE "BindingCode" (
    "id" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BindingCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffCode" (
    "id" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "scheduledFor" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "status" "JobRunStatus" NOT NULL DEFAULT 'RUNNING',
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeyHolding" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitLabel" TEXT NOT NULL,
    "ownerPersonId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "depositedAt" TIMESTAMP(3) NOT NULL,
    "depositedBy" TEXT NOT NULL,
    "status" "KeyHoldingStatus" NOT NULL DEFAULT 'HELD',
    "releasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyHolding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeyAuthorisedPerson" (
    "id" TEXT NOT NULL,
    "holdingId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyAuthorisedPerson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeyAppointment" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitLabel" TEXT NOT NULL,
    "ownerPersonId" TEXT NOT NULL,
    "kind" "KeyAppointmentKind" NOT NULL,
    "holdingId" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "slotStart" TIMESTAMP(3) NOT NULL,
    "personName" TEXT NOT NULL,
    "personPhone" TEXT,
    "codeHash" TEXT NOT NULL,
    "status" "KeyAppointmentStatus" NOT NULL DEFAULT 'BOOKED',
    "remindedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "doneBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyAppointment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeySlotSeat" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "slotStart" TIMESTAMP(3) NOT NULL,
    "seat" INTEGER NOT NULL,
    "appointmentId" TEXT NOT NULL,

    CONSTRAINT "KeySlotSeat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MediaFile" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "identityId" TEXT,

    CONSTRAINT "MediaFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "isGroup" BOOLEAN NOT NULL DEFAULT false,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lockedBy" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "mergedInto" TEXT,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitMembership" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelIdentity" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT,
    "personId" TEXT,
    "conversationRef" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RenovationPermit" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "ownerPersonId" TEXT NOT NULL,
    "contractor" TEXT NOT NULL,
    "foremanPhone" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "depositCents" INTEGER NOT NULL DEFAULT 0,
    "depositStatus" "RenovationDepositStatus" NOT NULL DEFAULT 'HELD',
    "status" "RenovationPermitStatus" NOT NULL DEFAULT 'ACTIVE',
    "extensionCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RenovationPermit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RenovationRequest" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "permitId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" "RenovationRequestKind" NOT NULL,
    "reason" TEXT,
    "fromDate" TEXT,
    "newEndDate" TEXT,
    "slotAt" TIMESTAMP(3),
    "slotHeld" TIMESTAMP(3),
    "status" "RenovationRequestStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "RenovationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "onDuty" BOOLEAN NOT NULL DEFAULT true,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffChat" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffChat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT,
    "personId" TEXT NOT NULL,
    "kind" "TicketKind" NOT NULL DEFAULT 'COMPLAINT',
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 1,
    "status" "TicketStatus" NOT NULL DEFAULT 'NEW',
    "assigneeId" TEXT,
    "repeatOfId" TEXT,
    "isRepeat" BOOLEAN NOT NULL DEFAULT false,
    "round" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "ackDueAt" TIMESTAMP(3),
    "resolveDueAt" TIMESTAMP(3),
    "slaStartAt" TIMESTAMP(3),
    "slaPausedMinutes" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "slaPausedAt" TIMESTAMP(3),
    "slaLevel" INTEGER NOT NULL DEFAULT 0,
    "nextSlaCheckAt" TIMESTAMP(3),
    "surveyDueAt" TIMESTAMP(3),

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketAttachment" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "contentUrl" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Callback" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "score" INTEGER,
    "comment" TEXT,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "Callback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboundReceipt_receivedAt_idx" ON "InboundReceipt"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundReceipt_channel_messageId_key" ON "InboundReceipt"("channel", "messageId");

-- CreateIndex
CREATE INDEX "Handoff_estateId_status_idx" ON "Handoff"("estateId", "status");

-- CreateIndex
CREATE INDEX "AuditLog_subject_at_idx" ON "AuditLog"("subject", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Estate_code_key" ON "Estate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Building_estateId_name_key" ON "Building"("estateId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_buildingId_entrance_room_key" ON "Unit"("buildingId", "entrance", "room");

-- CreateIndex
CREATE INDEX "FeeBill_estateId_outstandingCents_dueDate_idx" ON "FeeBill"("estateId", "outstandingCents", "dueDate");

-- CreateIndex
CREATE INDEX "FeeBill_estateId_period_idx" ON "FeeBill"("estateId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "FeeBill_unitId_period_feeType_key" ON "FeeBill"("unitId", "period", "feeType");

-- CreateIndex
CREATE INDEX "FeeNotice_personId_createdAt_idx" ON "FeeNotice"("personId", "createdAt");

-- CreateIndex
CREATE INDEX "FeeNotice_estateId_createdAt_idx" ON "FeeNotice"("estateId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeeNotice_outboxDedupeKey_personId_key" ON "FeeNotice"("outboxDedupeKey", "personId");

-- CreateIndex
CREATE INDEX "BindingCode_codeHash_idx" ON "BindingCode"("codeHash");

-- CreateIndex
CREATE INDEX "BindingCode_unitId_idx" ON "BindingCode"("unitId");

-- CreateIndex
CREATE INDEX "StaffCode_codeHash_idx" ON "StaffCode"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_jobId_scheduledFor_key" ON "JobRun"("jobId", "scheduledFor");

-- CreateIndex
CREATE INDEX "KeyHolding_estateId_status_idx" ON "KeyHolding"("estateId", "status");

-- CreateIndex
CREATE INDEX "KeyHolding_ownerPersonId_status_idx" ON "KeyHolding"("ownerPersonId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "KeyAuthorisedPerson_holdingId_phone_key" ON "KeyAuthorisedPerson"("holdingId", "phone");

-- CreateIndex
CREATE INDEX "KeyAppointment_estateId_slotStart_idx" ON "KeyAppointment"("estateId", "slotStart");

-- CreateIndex
CREATE INDEX "KeyAppointment_estateId_codeHash_idx" ON "KeyAppointment"("estateId", "codeHash");

-- CreateIndex
CREATE INDEX "KeyAppointment_ownerPersonId_status_idx" ON "KeyAppointment"("ownerPersonId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "KeySlotSeat_appointmentId_key" ON "KeySlotSeat"("appointmentId");

-- CreateIndex
CREATE UNIQUE INDEX "KeySlotSeat_estateId_slotStart_seat_key" ON "KeySlotSeat"("estateId", "slotStart", "seat");

-- CreateIndex
CREATE INDEX "MediaFile_identityId_idx" ON "MediaFile"("identityId");

-- CreateIndex
CREATE UNIQUE INDEX "MediaFile_channel_externalId_key" ON "MediaFile"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_channel_address_status_idx" ON "OutboxMessage"("channel", "address", "status");

-- CreateIndex
CREATE INDEX "UnitMembership_personId_idx" ON "UnitMembership"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitMembership_unitId_personId_key" ON "UnitMembership"("unitId", "personId");

-- CreateIndex
CREATE INDEX "ChannelIdentity_personId_idx" ON "ChannelIdentity"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelIdentity_channel_externalId_key" ON "ChannelIdentity"("channel", "externalId");

-- CreateIndex
CREATE INDEX "RenovationPermit_ownerPersonId_idx" ON "RenovationPermit"("ownerPersonId");

-- CreateIndex
CREATE INDEX "RenovationPermit_estateId_status_endDate_idx" ON "RenovationPermit"("estateId", "status", "endDate");

-- CreateIndex
CREATE UNIQUE INDEX "RenovationPermit_estateId_number_key" ON "RenovationPermit"("estateId", "number");

-- CreateIndex
CREATE INDEX "RenovationRequest_permitId_status_idx" ON "RenovationRequest"("permitId", "status");

-- CreateIndex
CREATE INDEX "RenovationRequest_estateId_status_createdAt_idx" ON "RenovationRequest"("estateId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "RenovationRequest_estateId_kind_slotAt_idx" ON "RenovationRequest"("estateId", "kind", "slotAt");

-- CreateIndex
CREATE UNIQUE INDEX "RenovationRequest_estateId_seq_key" ON "RenovationRequest"("estateId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "RenovationRequest_estateId_slotHeld_key" ON "RenovationRequest"("estateId", "slotHeld");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_personId_key" ON "Staff"("personId");

-- CreateIndex
CREATE INDEX "Staff_estateId_role_idx" ON "Staff"("estateId", "role");

-- CreateIndex
CREATE INDEX "StaffChat_estateId_role_idx" ON "StaffChat"("estateId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "StaffChat_channel_chatId_key" ON "StaffChat"("channel", "chatId");

-- CreateIndex
CREATE INDEX "Ticket_personId_createdAt_idx" ON "Ticket"("personId", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_estateId_unitId_category_resolvedAt_idx" ON "Ticket"("estateId", "unitId", "category", "resolvedAt");

-- CreateIndex
CREATE INDEX "Ticket_estateId_status_idx" ON "Ticket"("estateId", "status");

-- CreateIndex
CREATE INDEX "Ticket_nextSlaCheckAt_idx" ON "Ticket"("nextSlaCheckAt");

-- CreateIndex
CREATE INDEX "Ticket_surveyDueAt_idx" ON "Ticket"("surveyDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_estateId_number_key" ON "Ticket"("estateId", "number");

-- CreateIndex
CREATE INDEX "TicketAttachment_ticketId_idx" ON "TicketAttachment"("ticketId");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_at_idx" ON "TicketEvent"("ticketId", "at");

-- CreateIndex
CREATE INDEX "Callback_answeredAt_askedAt_idx" ON "Callback"("answeredAt", "askedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Callback_ticketId_round_key" ON "Callback"("ticketId", "round");

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handoff" ADD CONSTRAINT "Handoff_takenById_fkey" FOREIGN KEY ("takenById") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Building" ADD CONSTRAINT "Building_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyAuthorisedPerson" ADD CONSTRAINT "KeyAuthorisedPerson_holdingId_fkey" FOREIGN KEY ("holdingId") REFERENCES "KeyHolding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyAppointment" ADD CONSTRAINT "KeyAppointment_holdingId_fkey" FOREIGN KEY ("holdingId") REFERENCES "KeyHolding"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeySlotSeat" ADD CONSTRAINT "KeySlotSeat_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "KeyAppointment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitMembership" ADD CONSTRAINT "UnitMembership_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitMembership" ADD CONSTRAINT "UnitMembership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelIdentity" ADD CONSTRAINT "ChannelIdentity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RenovationRequest" ADD CONSTRAINT "RenovationRequest_permitId_fkey" FOREIGN KEY ("permitId") REFERENCES "RenovationPermit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffChat" ADD CONSTRAINT "StaffChat_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_repeatOfId_fkey" FOREIGN KEY ("repeatOfId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketAttachment" ADD CONSTRAINT "TicketAttachment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Callback" ADD CONSTRAINT "Callback_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
