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

-- CreateIndex
CREATE INDEX "SendLedger_channel_endedAt_idx" ON "SendLedger"("channel", "endedAt");

-- CreateIndex
CREATE INDEX "SendLedger_channel_address_endedAt_idx" ON "SendLedger"("channel", "address", "endedAt");

-- CreateIndex
CREATE INDEX "SendLedger_channel_startedAt_idx" ON "SendLedger"("channel", "startedAt");
