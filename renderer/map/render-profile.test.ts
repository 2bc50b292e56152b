// Which WebGL renderers the map treats as drawing on the CPU (one sample, one device pixel per CSS pixel, the cars
// through one pixel buffer) — names as browsers report them, masked and unmasked.
import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, renderOverride } from './render-profile';

describe('isSoftwareRenderer', () => {
  it.each([
    'WebKit WebGL ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    'Google SwiftShader',
    'llvmpipe (LLVM 15.0.6, 256 bits)',
    'Mesa softpipe',
    'Microsoft Basic Render Driver',
    'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)',
  ])('a CPU rasteriser: %s', (name) => expect(isSoftwareRenderer(name)).toBe(true));

  it.each([
    'WebKit WebGL ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)',
    'Mesa Intel(R) UHD Graphics 620 (KBL GT2)',
    'AMD Radeon RX 6800 (radeonsi, navi21, LLVM 15.0.7, DRM 3.49)',
    // Browsers that mask the name report only this: the map cannot tell, and draws as on a GPU.
    'WebKit WebGL',
  ])('a GPU: %s', (name) => expect(isSoftwareRenderer(name)).toBe(false));
});

describe('renderOverride', () => {
  it('reads ?render=cpu or ?render=gpu, and nothing else', () => {
    expect(renderOverride('?render=cpu')).toBe('cpu');
    expect(renderOverride('?x=1&render=gpu')).toBe('gpu');
    for (const search of ['', '?render=', '?render=GPU', '?render=webgpu', '?renders=cpu', '?render=cpu%00', '?render[]=cpu']) expect(renderOverride(search)).toBeUndefined();
  });
});
