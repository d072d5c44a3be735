import { z } from 'zod';

/** A province, city or county (GB/T 2260) in the cascader tree the web shows. */
export const regionNodeSchema = z.object({
  value: z.string(),
  label: z.string(),
  get children() {
    return z.array(regionNodeSchema).optional();
  },
});
export const regionTreeSchema = z.array(regionNodeSchema);

export const regionParseQuery = z.object({ q: z.string().min(1).max(100) });
export const regionParseSchema = z.object({ code: z.string(), name: z.string().nullable() });
