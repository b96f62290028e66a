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
