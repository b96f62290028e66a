-- CreateEnum
CREATE TYPE "BindingApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "PrivacyRequestStatus" AS ENUM ('OPEN', 'DONE');

-- CreateTable
CREATE TABLE "BindingFailure" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "unitId" TEXT,
    "identityId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BindingFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BindingApproval" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitLabel" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "status" "BindingApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedBy" TEXT,

    CONSTRAINT "BindingApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyRequest" (
    "id" TEXT NOT NULL,
    "estateId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "status" "PrivacyRequestStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "PrivacyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BindingFailure_identityId_at_idx" ON "BindingFailure"("identityId", "at");

-- CreateIndex
CREATE INDEX "BindingFailure_unitId_method_at_idx" ON "BindingFailure"("unitId", "method", "at");

-- CreateIndex
CREATE INDEX "BindingFailure_estateId_method_at_idx" ON "BindingFailure"("estateId", "method", "at");

-- CreateIndex
CREATE INDEX "BindingApproval_identityId_status_idx" ON "BindingApproval"("identityId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BindingApproval_estateId_seq_key" ON "BindingApproval"("estateId", "seq");

-- CreateIndex
CREATE INDEX "PrivacyRequest_personId_status_idx" ON "PrivacyRequest"("personId", "status");
