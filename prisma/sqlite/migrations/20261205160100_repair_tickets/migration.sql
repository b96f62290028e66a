-- AlterTable
ALTER TABLE "Staff" ADD COLUMN "department" TEXT;

-- AlterTable
ALTER TABLE "StaffChat" ADD COLUMN "department" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
