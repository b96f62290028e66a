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

-- CreateIndex
CREATE UNIQUE INDEX "SurveyRound_estateId_period_key" ON "SurveyRound"("estateId", "period");

-- CreateIndex
CREATE INDEX "SurveyResponse_personId_completedAt_idx" ON "SurveyResponse"("personId", "completedAt");

-- CreateIndex
CREATE INDEX "SurveyResponse_roundId_completedAt_idx" ON "SurveyResponse"("roundId", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_roundId_personId_key" ON "SurveyResponse"("roundId", "personId");
