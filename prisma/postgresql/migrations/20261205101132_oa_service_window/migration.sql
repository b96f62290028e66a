-- AlterEnum
ALTER TYPE "OutboxStatus" ADD VALUE 'HELD';

-- CreateTable
CREATE TABLE "ServiceWindow" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "messageAt" TIMESTAMP(3),
    "messageUsed" INTEGER NOT NULL DEFAULT 0,
    "eventAt" TIMESTAMP(3),
    "eventUsed" INTEGER NOT NULL DEFAULT 0,
    "followed" BOOLEAN NOT NULL DEFAULT true,
    "unfollowedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceWindow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceWindow_channel_address_key" ON "ServiceWindow"("channel", "address");
