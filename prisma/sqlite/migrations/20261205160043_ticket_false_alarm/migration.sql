-- AlterTable (hand-written: SQLite adds a column with a constant default in place; no rebuild of a large Ticket table)
ALTER TABLE "Ticket" ADD COLUMN "falseAlarm" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Ticket" ADD COLUMN "falseAlarmAt" DATETIME;
