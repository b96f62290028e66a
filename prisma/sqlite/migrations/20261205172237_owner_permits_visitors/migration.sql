-- AlterTable
ALTER TABLE "RenovationPermit" ADD COLUMN "drawings" JSONB;

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
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
