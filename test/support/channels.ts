// Every test file starts with the built-in channels, as start-up registers them (src/main.ts): services built
// directly in a test notify through a notifier over a registry of this file's own (buildBot hands over its bot's).
import { registerBuiltinChannels } from '../../adapters/channels.js';
import { createChannelRegistry } from '../../src/notify/channel-registry.js';
import { createNotifier, useNotifier } from '../../src/notify/notifier.js';

useNotifier(createNotifier(registerBuiltinChannels(createChannelRegistry())));
