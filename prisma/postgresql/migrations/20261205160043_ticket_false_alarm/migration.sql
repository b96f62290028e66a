-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "falseAlarm" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "falseAlarmAt" TIMESTAMP(3);
