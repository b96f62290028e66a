-- AlterEnum
ALTER TYPE "TicketKind" ADD VALUE 'REPAIR';

-- AlterEnum
ALTER TYPE "TicketStatus" ADD VALUE 'DISPATCHED';

-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "department" TEXT;

-- AlterTable
ALTER TABLE "StaffChat" ADD COLUMN     "department" TEXT;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "homeContact" TEXT,
ADD COLUMN     "intake" TEXT NOT NULL DEFAULT 'chat',
ADD COLUMN     "intakeBy" TEXT,
ADD COLUMN     "paid" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "priceCents" INTEGER,
ADD COLUMN     "priceConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "visitFrom" TIMESTAMP(3),
ADD COLUMN     "visitTo" TIMESTAMP(3);
