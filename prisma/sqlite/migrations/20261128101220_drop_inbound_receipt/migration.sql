-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "InboundReceipt";
PRAGMA foreign_keys=on;
