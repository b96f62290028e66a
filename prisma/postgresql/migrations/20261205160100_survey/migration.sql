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
CREATE UNIQUE INDEX "SurveyRound_estateId_period_key" ON "SurveyRound"("estateId", "period");

-- CreateIndex
CREATE INDEX "SurveyResponse_personId_completedAt_idx" ON "SurveyResponse"("personId", "completedAt");

-- CreateIndex
CREATE INDEX "SurveyResponse_roundId_completedAt_idx" ON "SurveyResponse"("roundId", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_roundId_personId_key" ON "SurveyResponse"("roundId", "personId");

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SurveyRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;
