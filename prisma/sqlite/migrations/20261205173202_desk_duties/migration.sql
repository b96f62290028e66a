-- AlterTable
ALTER TABLE "RenovationPermit" ADD COLUMN "drawings" JSONB;

-- AlterTable
ALTER TABLE "Staff" ADD COLUMN "department" TEXT;

-- AlterTable
ALTER TABLE "StaffChat" ADD COLUMN "department" TEXT;

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "pictureUrl" TEXT,
    "audience" TEXT NOT NULL,
    "buildings" TEXT,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "authorStaffId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "conversation" TEXT NOT NULL,
    "privateCount" INTEGER NOT NULL DEFAULT 0,
    "groupCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "OwnerGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "conversationRef" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "identityId" TEXT NOT NULL,
    "personId" TEXT,
    "unitLabel" TEXT,
    "text" TEXT NOT NULL,
    "photos" TEXT,
    "createdAt" DATETIME NOT NULL,
    "answer" TEXT,
    "answeredAt" DATETIME,
    "answeredBy" TEXT
);

-- CreateTable
CREATE TABLE "VisitorPass" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitLabel" TEXT NOT NULL,
    "ownerPersonId" TEXT NOT NULL,
    "visitorName" TEXT NOT NULL,
    "visitDate" TEXT NOT NULL,
    "carPlate" TEXT,
    "codeHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedBy" TEXT
);

-- CreateTable
CREATE TABLE "ContractorPass" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "permitId" TEXT NOT NULL,
    "ownerPersonId" TEXT NOT NULL,
    "workerName" TEXT NOT NULL,
    "workerPhone" TEXT NOT NULL,
    "expiresOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "createdAt" DATETIME NOT NULL,
    "decidedBy" TEXT,
    "decidedByName" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT
);

-- CreateTable
CREATE TABLE "SendLedger" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "isGroup" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "blockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "SurveyRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "questions" JSONB NOT NULL,
    "plannedAt" DATETIME NOT NULL,
    "completedAt" DATETIME
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "invitedAt" DATETIME NOT NULL,
    "remindedAt" DATETIME,
    "startedAt" DATETIME,
    "answers" JSONB,
    "opinion" TEXT,
    "completedAt" DATETIME,
    "ticketId" TEXT,
    CONSTRAINT "SurveyResponse_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyOptOut" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RenovationRequest" (
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
    "slaLevel" INTEGER NOT NULL DEFAULT 0,
    "nextSlaCheckAt" DATETIME,
    CONSTRAINT "RenovationRequest_permitId_fkey" FOREIGN KEY ("permitId") REFERENCES "RenovationPermit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RenovationRequest" ("createdAt", "decidedAt", "decidedBy", "decidedByName", "decisionNote", "dueAt", "estateId", "fromDate", "id", "kind", "newEndDate", "permitId", "personId", "reason", "seq", "slotAt", "slotHeld", "status") SELECT "createdAt", "decidedAt", "decidedBy", "decidedByName", "decisionNote", "dueAt", "estateId", "fromDate", "id", "kind", "newEndDate", "permitId", "personId", "reason", "seq", "slotAt", "slotHeld", "status" FROM "RenovationRequest";
DROP TABLE "RenovationRequest";
ALTER TABLE "new_RenovationRequest" RENAME TO "RenovationRequest";
CREATE INDEX "RenovationRequest_permitId_status_idx" ON "RenovationRequest"("permitId", "status");
CREATE INDEX "RenovationRequest_estateId_status_createdAt_idx" ON "RenovationRequest"("estateId", "status", "createdAt");
CREATE INDEX "RenovationRequest_estateId_kind_slotAt_idx" ON "RenovationRequest"("estateId", "kind", "slotAt");
CREATE INDEX "RenovationRequest_nextSlaCheckAt_idx" ON "RenovationRequest"("nextSlaCheckAt");
CREATE UNIQUE INDEX "RenovationRequest_estateId_seq_key" ON "RenovationRequest"("estateId", "seq");
CREATE UNIQUE INDEX "RenovationRequest_estateId_slotHeld_key" ON "RenovationRequest"("estateId", "slotHeld");
CREATE TABLE "new_Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "intakeKey" TEXT,
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
    "falseAlarm" BOOLEAN NOT NULL DEFAULT false,
    "falseAlarmAt" DATETIME,
    "intake" TEXT NOT NULL DEFAULT 'chat',
    "intakeBy" TEXT,
    "visitFrom" DATETIME,
    "visitTo" DATETIME,
    "homeContact" TEXT,
    "paid" BOOLEAN NOT NULL DEFAULT false,
    "priceCents" INTEGER,
    "priceConfirmedAt" DATETIME,
    CONSTRAINT "Ticket_repeatOfId_fkey" FOREIGN KEY ("repeatOfId") REFERENCES "Ticket" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Ticket" ("acceptedAt", "ackDueAt", "assigneeId", "category", "createdAt", "description", "estateId", "id", "intakeKey", "isRepeat", "kind", "location", "nextSlaCheckAt", "number", "personId", "priority", "repeatOfId", "resolveDueAt", "resolvedAt", "round", "slaLevel", "slaPausedAt", "slaPausedMinutes", "slaStartAt", "status", "surveyDueAt", "unitId") SELECT "acceptedAt", "ackDueAt", "assigneeId", "category", "createdAt", "description", "estateId", "id", "intakeKey", "isRepeat", "kind", "location", "nextSlaCheckAt", "number", "personId", "priority", "repeatOfId", "resolveDueAt", "resolvedAt", "round", "slaLevel", "slaPausedAt", "slaPausedMinutes", "slaStartAt", "status", "surveyDueAt", "unitId" FROM "Ticket";
DROP TABLE "Ticket";
ALTER TABLE "new_Ticket" RENAME TO "Ticket";
CREATE UNIQUE INDEX "Ticket_intakeKey_key" ON "Ticket"("intakeKey");
CREATE INDEX "Ticket_personId_createdAt_idx" ON "Ticket"("personId", "createdAt");
CREATE INDEX "Ticket_estateId_unitId_category_resolvedAt_idx" ON "Ticket"("estateId", "unitId", "category", "resolvedAt");
CREATE INDEX "Ticket_estateId_status_idx" ON "Ticket"("estateId", "status");
CREATE INDEX "Ticket_nextSlaCheckAt_idx" ON "Ticket"("nextSlaCheckAt");
CREATE INDEX "Ticket_surveyDueAt_idx" ON "Ticket"("surveyDueAt");
CREATE UNIQUE INDEX "Ticket_estateId_number_key" ON "Ticket"("estateId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Notice_estateId_status_sentAt_idx" ON "Notice"("estateId", "status", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_estateId_seq_key" ON "Notice"("estateId", "seq");

-- CreateIndex
CREATE INDEX "OwnerGroup_estateId_idx" ON "OwnerGroup"("estateId");

-- CreateIndex
CREATE UNIQUE INDEX "OwnerGroup_channel_chatId_key" ON "OwnerGroup"("channel", "chatId");

-- CreateIndex
CREATE INDEX "Suggestion_estateId_createdAt_idx" ON "Suggestion"("estateId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_estateId_seq_key" ON "Suggestion"("estateId", "seq");

-- CreateIndex
CREATE INDEX "VisitorPass_estateId_visitDate_codeHash_idx" ON "VisitorPass"("estateId", "visitDate", "codeHash");

-- CreateIndex
CREATE INDEX "VisitorPass_ownerPersonId_visitDate_idx" ON "VisitorPass"("ownerPersonId", "visitDate");

-- CreateIndex
CREATE INDEX "ContractorPass_permitId_status_idx" ON "ContractorPass"("permitId", "status");

-- CreateIndex
CREATE INDEX "ContractorPass_estateId_status_idx" ON "ContractorPass"("estateId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ContractorPass_estateId_seq_key" ON "ContractorPass"("estateId", "seq");

-- CreateIndex
CREATE INDEX "SendLedger_channel_endedAt_idx" ON "SendLedger"("channel", "endedAt");

-- CreateIndex
CREATE INDEX "SendLedger_channel_address_endedAt_idx" ON "SendLedger"("channel", "address", "endedAt");

-- CreateIndex
CREATE INDEX "SendLedger_channel_startedAt_idx" ON "SendLedger"("channel", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyRound_estateId_period_key" ON "SurveyRound"("estateId", "period");

-- CreateIndex
CREATE INDEX "SurveyResponse_personId_completedAt_idx" ON "SurveyResponse"("personId", "completedAt");

-- CreateIndex
CREATE INDEX "SurveyResponse_roundId_completedAt_idx" ON "SurveyResponse"("roundId", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_roundId_personId_key" ON "SurveyResponse"("roundId", "personId");
