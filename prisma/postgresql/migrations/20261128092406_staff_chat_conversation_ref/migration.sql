-- AlterTable
ALTER TABLE "StaffChat" ADD COLUMN     "conversationRef" TEXT;
