// Every test file starts with the built-in channels, as start-up registers them (src/main.ts): services built
// directly in a test notify through a notifier over a registry of this file's own (buildBot hands over its bot's).
import { registerBuiltinChannels } from '../../adapters/channels.js';
import { createChannelRegistry, type ChannelRegistry } from '../../src/notify/channel-registry.js';
import { createNotifier, useNotifier, type Notifier } from '../../src/notify/notifier.js';

/** A notifier over `registry`, by default a new registry of the built-in channels (what a service is handed). */
export function testNotifier(registry: ChannelRegistry = registerBuiltinChannels(createChannelRegistry())): Notifier {
  return createNotifier(registry);
}

useNotifier(testNotifier());
