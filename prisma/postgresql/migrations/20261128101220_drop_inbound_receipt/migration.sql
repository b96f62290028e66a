-- DropTable
DROP TABLE "InboundReceipt";
