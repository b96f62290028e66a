-- CreateEnum
CREATE TYPE "ContractorPassStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "RenovationPermitStatus" ADD VALUE 'APPLIED';
ALTER TYPE "RenovationPermitStatus" ADD VALUE 'REJECTED';

-- AlterEnum
ALTER TYPE "RenovationRequestKind" ADD VALUE 'APPLICATION';

-- AlterTable
ALTER TABLE "RenovationPermit" ADD COLUMN     "drawings" JSONB;

-- AlterTable
ALTER TABLE "RenovationRequest" ADD COLUMN     "nextSlaCheckAt" TIMESTAMP(3),
ADD COLUMN     "slaLevel" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "VisitorPass" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitLabel" TEXT NOT NULL,
    "ownerPersonId" TEXT NOT NULL,
    "visitorName" TEXT NOT NULL,
    "visitDate" TEXT NOT NULL,
    "carPlate" TEXT,
    "codeHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedBy" TEXT,

    CONSTRAINT "VisitorPass_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractorPass" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "permitId" TEXT NOT NULL,
    "ownerPersonId" TEXT NOT NULL,
    "workerName" TEXT NOT NULL,
    "workerPhone" TEXT NOT NULL,
    "expiresOn" TEXT NOT NULL,
    "status" "ContractorPassStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedBy" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "ContractorPass_pkey" PRIMARY KEY ("id")
);

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
CREATE INDEX "RenovationRequest_nextSlaCheckAt_idx" ON "RenovationRequest"("nextSlaCheckAt");
