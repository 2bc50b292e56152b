// The wallbox's meter as OCPP reads it: Energy.Active.Import.Register (everything it ever delivered, Wh) and
// Power.Active.Import (W) at a virtual time, from the EVSE twin's lazily folded session energy.
import { deliveredPowerKw, sessionEnergyAt, type EvseContext } from '../../../twins/home/evse.machine';
import type { TwinActor } from '../../../twins/sim/twin-actor';
import type { MeterSample } from './dialect';

export class MeterRegister {
  /** Energy of the sessions that have ended (Wh). */
  private closedWh = 0;

  constructor(private readonly twin: TwinActor) {}

  /** Fold an ended session's energy into the register (before sampling its end). */
  sessionEnded(energyKwh: number): void {
    if (Number.isFinite(energyKwh) && energyKwh > 0) this.closedWh += energyKwh * 1000;
  }

  sample(t: number): MeterSample {
    const evse = this.twin.context as unknown as EvseContext;
    const sessionWh = evse.sessionActive ? sessionEnergyAt(evse, t) * 1000 : 0;
    return { at: t, energyWh: this.closedWh + sessionWh, powerW: deliveredPowerKw(evse) * 1000 };
  }
}
