-- CreateTable
CREATE TABLE "BindingFailure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT,
    "identityId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BindingApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitLabel" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "createdAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decidedBy" TEXT
);

-- CreateTable
CREATE TABLE "PrivacyRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estateId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "createdAt" DATETIME NOT NULL,
    "doneAt" DATETIME
);

-- CreateIndex
CREATE INDEX "BindingFailure_identityId_at_idx" ON "BindingFailure"("identityId", "at");

-- CreateIndex
CREATE INDEX "BindingFailure_unitId_method_at_idx" ON "BindingFailure"("unitId", "method", "at");

-- CreateIndex
CREATE INDEX "BindingFailure_estateId_method_at_idx" ON "BindingFailure"("estateId", "method", "at");

-- CreateIndex
CREATE INDEX "BindingApproval_identityId_status_idx" ON "BindingApproval"("identityId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BindingApproval_estateId_seq_key" ON "BindingApproval"("estateId", "seq");

-- CreateIndex
CREATE INDEX "PrivacyRequest_personId_status_idx" ON "PrivacyRequest"("personId", "status");
