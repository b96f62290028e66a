// The default user-facing text of each AppError code (src/shared/app-error.ts).
export const errorsZh = {
  'error.badInput': '输入的内容无法识别，请再试一次。',
  'error.notFound': '没有找到相关记录。',
  'error.forbidden': '抱歉，您没有权限进行此操作。',
  'error.conflict': '该记录刚被他人修改，请重新操作。',
  'error.notBound': '请先绑定您的房屋后再使用此功能。',
  'error.rateLimited': '操作过于频繁，请稍后再试。',
  'error.unavailable': '服务暂时不可用，请稍后再试。',
  'error.internal': '抱歉，系统出了点问题，我们已记录。请稍后再试，或回复“转人工”。',
} as const;
