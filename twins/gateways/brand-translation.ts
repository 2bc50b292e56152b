// Translators of the many-brands world. A brand's cloud writes its own schema on its link to the hub and reads it
// back on the way to its own cars or homes; the hub holds one adapter per brand and goes brand A → canonical →
// brand B, with the canonical hub-translation.ts (VSS ⇄ Matter/HA) in the middle. A hub that lacks a brand's
// adapter, or whose adapter reads a unit wrongly, fails (or mistranslates) exactly that brand's pairs.
import { HUB, parseAddress } from '../bus/addresses';
import { HOME_CLOUD_FORMAT, VEHICLE_CLOUD_FORMAT } from '../bus/formats';
import type { PayloadTranslator, TranslationResult } from '../bus/nodes';
import type { Json } from '../kernel/types';
import { BrandError, brandOfFormat, createBrandAdapter, type BrandAdapter, type BrandSpec } from './brand-adapter';

type JsonObject = { [key: string]: Json };

const canonicalFormat = (adapter: BrandAdapter): string => (adapter.brand.side === 'vehicle' ? VEHICLE_CLOUD_FORMAT : HOME_CLOUD_FORMAT);

/** What the hub knows of the brands: which adapters it has, and integration mistakes in them. */
export interface HubAdapterConfig {
  /** Brands the hub has no adapter for: their messages fail at the hub as untranslatable. */
  missing?: readonly string[];
  /** Per brand, fields whose unit conversion the hub's adapter leaves out (°F read as °C). */
  ignoreUnits?: Readonly<Record<string, readonly string[]>>;
}

/** The brand cloud's translator: its own schema toward the hub, canonical toward its cars or homes. */
export function createBrandCloudTranslator(brand: BrandSpec): PayloadTranslator {
  const adapter = createBrandAdapter(brand);
  const canonical = canonicalFormat(adapter);
  return {
    atOrigin: true,
    translate(payload, format, ctx) {
      if (ctx.to === HUB) {
        if (format === adapter.format) return { ok: true, payload, format };
        if (format !== canonical) return { ok: false, error: `${brand.id} speaks ${canonical} inside its ecosystem, got ${format}` };
        return attempt(() => ({ ok: true, payload: adapter.encode(asObject(payload)), format: adapter.format }));
      }
      if (format !== adapter.format) return { ok: true, payload, format };
      return attempt(() => ({ ok: true, payload: adapter.decode(asObject(payload)), format: canonical }));
    },
  };
}

/** The hub's adapters, one per brand it knows, wrapped around the canonical translator. */
export function createBrandHub(canonical: PayloadTranslator, brands: readonly BrandSpec[], config: HubAdapterConfig = {}): PayloadTranslator {
  const missing = new Set(config.missing ?? []);
  const adapters = new Map<string, BrandAdapter>();
  for (const brand of brands) {
    if (!missing.has(brand.id)) adapters.set(brand.id, createBrandAdapter(brand, { ignoreUnits: config.ignoreUnits?.[brand.id] ?? [] }));
  }
  const adapterFor = (brand: string): BrandAdapter | string =>
    adapters.get(brand) ?? `the hub has no adapter for brand '${brand}' (it knows ${[...adapters.keys()].sort().join(', ') || 'none'})`;

  return {
    translate(payload, format, ctx): TranslationResult {
      let input = payload;
      let inputFormat = format;
      const fromBrand = brandOfFormat(format);
      if (fromBrand !== undefined) {
        const adapter = adapterFor(fromBrand);
        if (typeof adapter === 'string') return { ok: false, error: adapter };
        const decoded = attempt(() => ({ ok: true, payload: adapter.decode(asObject(payload)), format: canonicalFormat(adapter) }));
        if (!decoded.ok) return decoded;
        input = decoded.payload;
        inputFormat = decoded.format;
      }
      const to = parseAddress(ctx.to);
      const toBrand = to?.kind === 'vehicle-cloud' || to?.kind === 'home-cloud' ? to.brand : undefined;
      // The canonical translator knows the two shared clouds by name; a brand's cloud is one of the two kinds.
      const shared = to?.kind === 'vehicle-cloud' ? 'vehicle-cloud' : to?.kind === 'home-cloud' ? 'home-cloud' : ctx.to;
      const result = canonical.translate(input, inputFormat, { ...ctx, to: shared });
      if (!result.ok || toBrand === undefined) return result;
      const adapter = adapterFor(toBrand);
      if (typeof adapter === 'string') return { ok: false, error: adapter };
      return attempt(() => ({ ok: true, payload: adapter.encode(asObject(result.payload)), format: adapter.format }));
    },
  };
}

/**
 * How each brand's cloud reads what the hub hands it in the brand's own schema (the hop's format says which):
 * the canonical payload, the payload untouched when it is in no brand's schema, or undefined when it cannot be read.
 */
export function createBrandReader(brands: readonly BrandSpec[]): (format: string | undefined, payload: Json) => Json | undefined {
  const adapters = new Map(brands.map((brand) => [brand.id, createBrandAdapter(brand)]));
  return (format, payload) => {
    const brand = brandOfFormat(format ?? '');
    if (brand === undefined) return payload;
    const adapter = adapters.get(brand);
    if (adapter === undefined || payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
    try {
      return adapter.decode(payload);
    } catch (error) {
      if (error instanceof BrandError) return undefined;
      throw error;
    }
  };
}

function attempt(translate: () => TranslationResult): TranslationResult {
  try {
    return translate();
  } catch (error) {
    if (error instanceof BrandError) return { ok: false, error: error.message };
    throw error;
  }
}

function asObject(value: Json): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new BrandError(`expected an object, got ${JSON.stringify(value)}`);
  return value;
}
