// English texts of the trust boundary (see zh-CN/security.ts).
export const securityEn = {
  'security.slowDown':
    'You are sending messages too fast; please wait {seconds} seconds. Messages sent meanwhile are not handled; please send them again then.',
  'security.groupNotRegistered':
    "This group is not registered as a staff group: staff commands work only in a registered staff group or in a private chat with me. A supervisor can register it by sending /registergroup followed by the group's role here.",
  'security.roleAboveIssuer':
    'You cannot issue a staff code for a {role}: a staff code may only grant your own role ({own}) or a lower one. Please ask a {role} or above.',
  'security.otherEstate': 'You can only act on your own estate (you are staff of another estate).',
} as const;
