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

-- AlterEnum
ALTER TYPE "TicketKind" ADD VALUE 'REPAIR';

-- AlterEnum
ALTER TYPE "TicketStatus" ADD VALUE 'DISPATCHED';

-- AlterTable
ALTER TABLE "RenovationPermit" ADD COLUMN     "drawings" JSONB;

-- AlterTable
ALTER TABLE "RenovationRequest" ADD COLUMN     "nextSlaCheckAt" TIMESTAMP(3),
ADD COLUMN     "slaLevel" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "department" TEXT;

-- AlterTable
ALTER TABLE "StaffChat" ADD COLUMN     "department" TEXT;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "falseAlarm" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "falseAlarmAt" TIMESTAMP(3),
ADD COLUMN     "homeContact" TEXT,
ADD COLUMN     "intake" TEXT NOT NULL DEFAULT 'chat',
ADD COLUMN     "intakeBy" TEXT,
ADD COLUMN     "paid" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "priceCents" INTEGER,
ADD COLUMN     "priceConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "visitFrom" TIMESTAMP(3),
ADD COLUMN     "visitTo" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OwnerGroup" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT,
    "conversationRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OwnerGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "identityId" TEXT NOT NULL,
    "personId" TEXT,
    "unitLabel" TEXT,
    "text" TEXT NOT NULL,
    "photos" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "answeredBy" TEXT,

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);

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

-- CreateTable
CREATE TABLE "SendLedger" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "isGroup" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "SendLedger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyRound" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "questions" JSONB NOT NULL,
    "plannedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "SurveyRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "invitedAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "answers" JSONB,
    "opinion" TEXT,
    "completedAt" TIMESTAMP(3),
    "ticketId" TEXT,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyOptOut" (
    "personId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyOptOut_pkey" PRIMARY KEY ("personId")
);

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

-- CreateIndex
CREATE INDEX "RenovationRequest_nextSlaCheckAt_idx" ON "RenovationRequest"("nextSlaCheckAt");

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;
