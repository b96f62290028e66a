import type { errorsZh } from '../zh-CN/errors.js';

export const errorsEn: Record<keyof typeof errorsZh, string> = {
  'error.badInput': 'Sorry, that could not be understood. Please try again.',
  'error.notFound': 'No matching record was found.',
  'error.forbidden': 'Sorry, you are not allowed to do this.',
  'error.conflict': 'Someone else has just changed this record. Please try again.',
  'error.notBound': 'Please link your home first to use this service.',
  'error.rateLimited': 'Too many requests. Please try again later.',
  'error.unavailable': 'The service is temporarily unavailable. Please try again later.',
  'error.internal': 'Sorry, something went wrong and we have logged it. Try again later or reply "talk to staff".',
};
