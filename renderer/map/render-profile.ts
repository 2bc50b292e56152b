// What the browser's WebGL can afford, probed once before the map's canvas is made (context attributes such as
// antialias cannot change afterwards).
export interface RenderProfile {
  webgl: boolean;
  /**
   * WebGL is drawn on the CPU (SwiftShader: Chromium without a GPU, headless or blocklisted; Mesa's llvmpipe),
   * where every pixel costs: 4× multisampling tripled the map's frame time there, so the map then draws without
   * it and at one device pixel per CSS pixel.
   */
  software: boolean;
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** Whether a WebGL renderer's name (RENDERER and the unmasked one) is a CPU rasteriser. */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_RENDERERS.test(name);
}

/** The drawing path a page address asks for (`?render=cpu` or `?render=gpu`), to see or test the other one. */
export type RenderOverride = 'cpu' | 'gpu' | undefined;

export function renderOverride(search: string): RenderOverride {
  const asked = new URLSearchParams(search).get('render');
  return asked === 'cpu' || asked === 'gpu' ? asked : undefined;
}

export function probeRenderer(override: RenderOverride = undefined): RenderProfile {
  const probed = probeWebGl();
  return override === undefined || !probed.webgl ? probed : { webgl: true, software: override === 'cpu' };
}

function probeWebGl(): RenderProfile {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (gl === null) return { webgl: false, software: false };
    // The unmasked name where the browser still offers it; some browsers put the real name in RENDERER itself.
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = `${String(gl.getParameter(gl.RENDERER))} ${info === null ? '' : String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL))}`;
    // Give the probe's context back at once: browsers cap the live WebGL contexts per page.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { webgl: true, software: isSoftwareRenderer(name) };
  } catch {
    return { webgl: false, software: false };
  }
}
