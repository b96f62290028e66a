// Every test file runs with the built-in channels registered, as start-up registers them (src/main.ts): services
// built directly in a test notify through the same channel registry.
import { registerBuiltinChannels } from '../../adapters/channels.js';

registerBuiltinChannels();
