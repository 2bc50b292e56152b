// Actions on streams and transfers (seed §3.4.4(2)): start a video stream or a file transfer between two parties,
// close a stream, and change a link's bandwidth from now on (a campsite's weak cell). What a flow's two ends may
// be is the bus's business (its path under each architecture); the schema checks the shapes and the units.
import { z } from 'zod';
import { Bitrate, Size } from './quantities';
import { LINK_IDS } from './schema-links';
import { Duration, Id, TwinRef } from './schema-kit';

export const StreamAction = z
  .strictObject({
    id: Id.describe('Flow id: its metrics are flow.<id>.ttff_ms, .stalls, .rebuffer_ratio, .throughput_kbps; a two-way call adds <id>-return.'),
    from: TwinRef.describe('Where the picture comes from: a home camera (the viewer sends camera/play_stream, a grant-checked command), the NAS (open_media), the car.'),
    to: TwinRef.describe('Who watches: vehicle/car1, a home screen, the NAS (which records it and commits the clip when it ends).'),
    bitrate: Bitrate.describe('Video bitrate: HD video call ~1.5Mbps, 1080p film ~5Mbps, 4K drone ~20Mbps.'),
    duration: Duration.optional().describe('How long it is watched; until a stopFlow step or the end of the run when omitted.'),
    startup: Duration.optional().describe('Media buffered before the first frame and after each stall (500ms when omitted).'),
    twoWay: z.boolean().optional().describe('A call: a return stream from `to` to `from` at the same bitrate.'),
    ask: z.string().min(1).optional().describe('Ask this on `to` (a home screen) first; the stream starts only once it is confirmed there.'),
  })
  .describe('Start a video stream (live camera, film, relayed drone video, a call).');

export const TransferAction = z
  .strictObject({
    id: Id.describe('Flow id: its metrics are flow.<id>.completion_ms and flow.<id>.throughput_kbps.'),
    from: TwinRef.describe('Sender, e.g. vehicle/car1 (its dashcam or sentry clip).'),
    to: TwinRef.describe('Receiver, e.g. h1/storage.nas (which commits the clip once all its bytes are in).'),
    size: Size.describe('Bytes to send, e.g. 200MB (a minute of 1080p dashcam video is ~100MB).'),
  })
  .describe('Start a file transfer (a dashcam clip to the home NAS).');

export const StopFlowAction = z
  .strictObject({ id: Id.describe('The stream to close (both directions of a call).') })
  .describe('The viewer closes a stream.');

export const BandwidthAction = z
  .strictObject({
    link: z.enum(LINK_IDS).describe('Link type whose capacity changes.'),
    party: TwinRef.optional().describe('Only this party\'s link (vehicle/car1, phone/alice, h1/gateway); every link of the type when omitted.'),
    up: Bitrate.optional().describe('New uplink capacity (from the car, phone or home towards the network).'),
    down: Bitrate.optional().describe('New downlink capacity.'),
  })
  .refine((b) => b.up !== undefined || b.down !== undefined, { error: 'give `up`, `down` or both: the capacity that changes', path: ['link'] })
  .describe('Change the bandwidth of a link from now on (a weak campsite cell, a congested evening line).');
