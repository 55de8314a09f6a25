import { z } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to. Extension
// pages forbid eval by CSP, and the blocked attempt is logged as an error.
z.config({ jitless: true });

export { z };
