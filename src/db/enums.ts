// The enums of prisma/models as plain TypeScript: the one source of staff roles and member roles for code outside
// src/db, which never imports the generated client itself. Both generated clients come from the same models, so the
// SQLite one stands for both.
import { MemberRole as MemberRoles, StaffRole as StaffRoles } from '../generated/sqlite/enums.js';

export type StaffRole = (typeof StaffRoles)[keyof typeof StaffRoles];
export type MemberRole = (typeof MemberRoles)[keyof typeof MemberRoles];

/** Every staff role, from the bottom of the ladder up, in the order prisma/models/staff.prisma declares them. */
export const STAFF_ROLES: readonly [StaffRole, ...StaffRole[]] = Object.values(StaffRoles) as [
  StaffRole,
  ...StaffRole[],
];

/** Fee types of imported bills (FeeBill.feeType, a string column checked at import). */
export const FEE_TYPES = ['PROPERTY', 'WATER', 'ELECTRICITY', 'PARKING', 'OTHER'] as const;
export type FeeType = (typeof FEE_TYPES)[number];

export const MEMBER_ROLES: readonly [MemberRole, ...MemberRole[]] = Object.values(MemberRoles) as [
  MemberRole,
  ...MemberRole[],
];
