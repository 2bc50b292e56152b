// ESLint rule `twinbench/layering`: which folder may import which (the VS Code "code-layering" idea).
// Relative imports are resolved against the importing file to find the layer they land in; package imports
// are checked against the importing layer's package rule. Violations are errors, not warnings.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** @param {string} spec */
function packageName(spec) {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce Twinbench layering (twins/ pure, renderer/ and engine/ separated)' },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      layer: 'Bad layering: {{from}}/ may not import from {{to}}/ ({{spec}}). {{why}}',
      pkg: 'Bad layering: {{from}}/ may not import the package "{{spec}}". {{why}}',
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const file = path.relative(root, context.filename);
    const layerName = file.split(path.sep)[0];
    const layer = layers[layerName];
    if (!layer || file.startsWith('..')) return {};
    // Tests run under Vitest on Node: they may use the test tooling even where the code under test may not.
    const isTest = /\.test\.tsx?$/.test(file) || file.includes(`${path.sep}test-support${path.sep}`);
    const testPackages = isTest ? ['vitest', 'fast-check', 'esbuild'] : [];

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(context.filename), spec));
        const targetLayer = target.split(path.sep)[0];
        if (targetLayer !== layerName && !(layer.mayImportLayers ?? []).includes(targetLayer)) {
          context.report({ node, messageId: 'layer', data: { from: layerName, to: targetLayer, spec, why: layer.why } });
        }
        return;
      }
      const name = packageName(spec);
      const isBuiltin = NODE_BUILTINS.has(name);
      const allowed = testPackages.includes(name) || (isTest && isBuiltin) || layer.packages === 'any'
        ? !(layer.deniedPackages ?? []).includes(name) && !(isBuiltin && layer.noNodeBuiltins)
        : (layer.packages ?? []).includes(name);
      if (!allowed) context.report({ node, messageId: 'pkg', data: { from: layerName, spec, why: layer.why } });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
