-- CreateTable
CREATE TABLE "ServiceWindow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "messageAt" DATETIME,
    "messageUsed" INTEGER NOT NULL DEFAULT 0,
    "eventAt" DATETIME,
    "eventUsed" INTEGER NOT NULL DEFAULT 0,
    "followed" BOOLEAN NOT NULL DEFAULT true,
    "unfollowedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceWindow_channel_address_key" ON "ServiceWindow"("channel", "address");
