import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';

// zod compiles object parsers with `new Function` after probing whether it may; the
// pages' Content-Security-Policy allows no eval, so the probe alone is reported as a
// violation. In the browser, forms parse without that speed-up (the server keeps it).
z.config({ jitless: true });

/** react-hook-form's zod resolver, for every form of ours in the browser. */
export { zodResolver };
