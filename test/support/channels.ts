// The notifier a test hands to the services it builds itself, over the built-in channels as start-up registers them
// (src/main.ts); a bot built with buildBot has its own (`parts.notifier`). Nothing here is process-wide.
import { registerBuiltinChannels } from '../../adapters/channels.js';
import { createChannelRegistry, type ChannelRegistry } from '../../src/notify/channel-registry.js';
import { createNotifier, type Notifier } from '../../src/notify/notifier.js';

/** A notifier over `registry`, by default a new registry of the built-in channels. */
export function testNotifier(registry: ChannelRegistry = registerBuiltinChannels(createChannelRegistry())): Notifier {
  return createNotifier(registry);
}
