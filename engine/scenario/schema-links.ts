// `links:` in the scenario file: per-link overrides of the bus's link models (latency, loss, retransmission,
// capacity). Its own module because the link ids are shared with flows and fault targets, which are not entities.
import { z } from 'zod';
import { SCENARIO_LIMITS as LIMITS } from './limits';
import { Bitrate } from './quantities';
import { Duration } from './schema-kit';

/** Link models of twins/bus (`DEFAULT_LINK_MODELS`) that a scenario may tune; a test keeps the lists equal. */
export const LINK_IDS = ['cellular', 'phone-cellular', 'internet', 'home-broadband', 'lan', 'projection', 'near-field'] as const;
export type LinkId = (typeof LINK_IDS)[number];

const LinkOverride = z
  .strictObject({
    medianMs: z.number().nonnegative().optional().describe('Median one-way latency, ms.'),
    sigma: z.number().nonnegative().optional().describe('Log-normal shape of the latency.'),
    jitterMs: z.number().nonnegative().optional(),
    loss: z.number().min(0).max(1).optional().describe('Probability a transmission is lost.'),
    maxAttempts: z.int().min(1).max(LIMITS.linkAttempts).optional().describe('Transmissions before giving up (YD/T 4170 retransmission).'),
    ackTimeout: Duration.optional().describe('Wait for an acknowledgement before retransmitting.'),
    up: Bitrate.optional().describe('Uplink capacity streams and transfers share (from the car, phone or home towards the network).'),
    down: Bitrate.optional().describe('Downlink capacity streams and transfers share.'),
  })
  .meta({ id: 'LinkOverride', description: 'Overrides of a link model; unset fields keep the defaults.' });

export const LinksSchema = z
  .strictObject(
    Object.fromEntries(LINK_IDS.map((id) => [id, LinkOverride.optional()])) as Record<LinkId, z.ZodOptional<typeof LinkOverride>>,
  )
  .prefault({})
  .describe('Overrides of the link models, by link id.');
