// Bot Framework env (Teams, Web Chat, the Emulator): its part of src/config.ts, gathered from the channel descriptor.
import { z } from 'zod';
import { emptyToUndefined } from '../../src/shared/env.js';
import { ServiceUrlAllowList } from './service-url-allowlist.js';

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

export const botFrameworkEnvShape = {
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: z.preprocess(
    emptyToUndefined,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  ),
  /**
   * Development only: without MicrosoftAppId, let /api/messages answer unauthenticated requests from any address
   * (and bind HOST to all interfaces by default). Anyone who can reach it can then post as any Bot Framework user.
   */
  BOTFRAMEWORK_OPEN_MODE: z.enum(['true', 'false']).default('false'),
  /** Comma-separated serviceUrl patterns replies and notices may go to; unset: Microsoft's connector hosts. */
  BOTFRAMEWORK_SERVICE_URLS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .refine(
        (v) => {
          if (v === undefined) return true;
          try {
            new ServiceUrlAllowList(
              v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            );
            return true;
          } catch {
            return false;
          }
        },
        { message: '应为逗号分隔的地址，例如 https://smba.trafficmanager.net/,https://*.botframework.com/' },
      ),
  ),
};
