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

-- CreateIndex
CREATE INDEX "SendLedger_channel_endedAt_idx" ON "SendLedger"("channel", "endedAt");

-- CreateIndex
CREATE INDEX "SendLedger_channel_address_endedAt_idx" ON "SendLedger"("channel", "address", "endedAt");

-- CreateIndex
CREATE INDEX "SendLedger_channel_startedAt_idx" ON "SendLedger"("channel", "startedAt");
