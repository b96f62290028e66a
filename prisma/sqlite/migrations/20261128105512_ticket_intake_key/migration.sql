-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "intakeKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_intakeKey_key" ON "Ticket"("intakeKey");
