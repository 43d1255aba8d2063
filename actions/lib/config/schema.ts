import { z } from 'zod';

/** Providers a config may name; the CLI and the action accept the same set. */
export const CONFIG_PROVIDERS = ['embedded', 'openai', 'space'] as const;

const label = z.string().trim().min(1).max(50);
const login = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'expected a GitHub login (letters, digits, hyphens)');
const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'expected an http(s) URL');
/** "90s", "30m", "12h", "7d", "2w". */
const duration = z.string().regex(/^\d{1,6}\s*[smhdw]$/, 'expected a duration such as 12h, 7d or 2w');
const sentences = z.number().int().min(1).max(20);
const provider = z.enum(CONFIG_PROVIDERS);

const urlEntrySchema = z.strictObject({
  url: httpUrl,
  labels: z.array(label).max(20).optional(),
  provider: provider.optional(),
  sentences: sentences.optional(),
  title: z.string().trim().min(1).max(200).optional(),
});

const feedEntrySchema = z.strictObject({
  url: httpUrl,
  'max-age': duration.default('7d'),
  'max-items': z.number().int().min(1).max(100).default(10),
  labels: z.array(label).max(20).optional(),
  provider: provider.optional(),
  sentences: sentences.optional(),
});

export const configSchema = z.strictObject({
  defaults: z
    .strictObject({
      provider: provider.default('embedded'),
      sentences: sentences.default(3),
      labels: z.array(label).max(20).default(['summary']),
      assignees: z.array(login).max(10).default([]),
      'max-items': z.number().int().min(1).max(1000).default(50),
      concurrency: z.number().int().min(1).max(32).default(4),
      'close-when-gone': z.boolean().default(false),
      /** Below this faithfulness a space/openai summary's issue lists what the page lacks and gets a label. */
      'faithfulness-floor': z.number().min(0).max(1).default(0.8),
    })
    .prefault({}),
  urls: z
    .array(z.union([httpUrl, urlEntrySchema]))
    .max(1000)
    .default([]),
  feeds: z.array(feedEntrySchema).max(100).default([]),
  openai: z
    .strictObject({
      'base-url': httpUrl.default('https://api.openai.com/v1'),
      model: z.string().trim().min(1).max(200).default('gpt-4o-mini'),
    })
    .prefault({}),
  space: z.strictObject({ id: z.string().trim().min(1).max(200) }).optional(),
  'allow-private-network': z.boolean().default(false),
});

/** The validated file, defaults filled in. */
export type DigestConfig = z.infer<typeof configSchema>;
export type ConfigProvider = (typeof CONFIG_PROVIDERS)[number];

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Milliseconds in a duration the schema accepted. */
export function durationMs(value: string): number {
  const match = /^(\d+)\s*([smhdw])$/.exec(value);
  if (!match) throw new RangeError(`not a duration: ${value}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
