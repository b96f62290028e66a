-- CreateTable
CREATE TABLE "BotState" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "data" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "InboundReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT,
    "personId" TEXT,
    "identityId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "callbackText" TEXT NOT NULL,
    "callbackAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "takenById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Handoff_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Handoff_takenById_fkey" FOREIGN KEY ("takenById") REFERENCES "Staff" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "detail" JSONB
);

-- CreateTable
CREATE TABLE "Estate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "deskPhone" TEXT NOT NULL,
    "emergencyPhone" TEXT NOT NULL,
    "settings" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "Building_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "buildingId" TEXT NOT NULL,
    "entrance" TEXT NOT NULL DEFAULT '',
    "room" TEXT NOT NULL,
    "areaSqm" INTEGER,
    CONSTRAINT "Unit_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeeBill" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "feeType" TEXT NOT NULL,
    "amountDueCents" INTEGER NOT NULL,
    "amountPaidCents" INTEGER NOT NULL,
    "outstandingCents" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "FeeNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "outboxDedupeKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "FeeReminderOptOut" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BindingCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "codeHash" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "StaffCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "codeHash" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "scheduledFor" DATETIME NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "error" TEXT
);

-- CreateTable
CREATE TABLE "KeyHolding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitLabel" TEXT NOT NULL,
    "ownerPersonId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "depositedAt" DATETIME NOT NULL,
    "depositedBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'HELD',
    "releasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "KeyAuthorisedPerson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "holdingId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KeyAuthorisedPerson_holdingId_fkey" FOREIGN KEY ("holdingId") REFERENCES "KeyHolding" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KeyAppointment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitLabel" TEXT NOT NULL,
    "ownerPersonId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "holdingId" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "slotStart" DATETIME NOT NULL,
    "personName" TEXT NOT NULL,
    "personPhone" TEXT,
    "codeHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'BOOKED',
    "remindedAt" DATETIME,
    "doneAt" DATETIME,
    "doneBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KeyAppointment_holdingId_fkey" FOREIGN KEY ("holdingId") REFERENCES "KeyHolding" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KeySlotSeat" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "slotStart" DATETIME NOT NULL,
    "seat" INTEGER NOT NULL,
    "appointmentId" TEXT NOT NULL,
    CONSTRAINT "KeySlotSeat_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "KeyAppointment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MediaFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "identityId" TEXT
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "isGroup" BOOLEAN NOT NULL DEFAULT false,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lockedBy" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "mergedInto" TEXT
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "UnitMembership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UnitMembership_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UnitMembership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChannelIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT,
    "personId" TEXT,
    "conversationRef" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChannelIdentity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RenovationPermit" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "depositStatus" TEXT NOT NULL DEFAULT 'HELD',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "extensionCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RenovationRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "permitId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "fromDate" TEXT,
    "newEndDate" TEXT,
    "slotAt" DATETIME,
    "slotHeld" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "createdAt" DATETIME NOT NULL,
    "dueAt" DATETIME,
    "decidedBy" TEXT,
    "decidedByName" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT,
    CONSTRAINT "RenovationRequest_permitId_fkey" FOREIGN KEY ("permitId") REFERENCES "RenovationPermit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "onDuty" BOOLEAN NOT NULL DEFAULT true,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Staff_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Staff_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffChat" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StaffChat_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'COMPLAINT',
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "assigneeId" TEXT,
    "repeatOfId" TEXT,
    "isRepeat" BOOLEAN NOT NULL DEFAULT false,
    "round" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" DATETIME,
    "resolvedAt" DATETIME,
    "ackDueAt" DATETIME,
    "resolveDueAt" DATETIME,
    "slaStartAt" DATETIME,
    "slaPausedMinutes" REAL NOT NULL DEFAULT 0,
    "slaPausedAt" DATETIME,
    "slaLevel" INTEGER NOT NULL DEFAULT 0,
    "nextSlaCheckAt" DATETIME,
    "surveyDueAt" DATETIME,
    CONSTRAINT "Ticket_repeatOfId_fkey" FOREIGN KEY ("repeatOfId") REFERENCES "Ticket" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "contentUrl" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketAttachment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "note" TEXT,
    CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Callback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "askedAt" DATETIME NOT NULL,
    "remindedAt" DATETIME,
    "score" INTEGER,
    "comment" TEXT,
    "answeredAt" DATETIME,
    CONSTRAINT "Callback_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
