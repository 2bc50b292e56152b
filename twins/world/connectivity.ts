// Strong connectivity of the road network. A vehicle must be able to drive from any place to any other
// and back; one-way streets or a missing edge can silently break that, so generated maps are checked and
// loaded maps attach places only to the largest strongly connected part.

import { indexRoadGraph, type RoadGraph } from './road-graph';

/**
 * Component number of every node (by node order), via Kosaraju with explicit stacks so large maps do not
 * overflow the call stack. Components are numbered in discovery order, which is deterministic.
 */
export function stronglyConnectedComponents(graph: RoadGraph): Int32Array {
  const index = indexRoadGraph(graph);
  const n = graph.nodes.length;
  const visited = new Uint8Array(n);
  const finishOrder: number[] = [];
  const stackNode: number[] = [];
  const stackCursor: number[] = [];
  for (let root = 0; root < n; root++) {
    if (visited[root] === 1) continue;
    visited[root] = 1;
    stackNode.push(root);
    stackCursor.push(index.outStart[root]!);
    while (stackNode.length > 0) {
      const top = stackNode.length - 1;
      const node = stackNode[top]!;
      const cursor = stackCursor[top]!;
      if (cursor < index.outStart[node + 1]!) {
        stackCursor[top] = cursor + 1;
        const next = index.edgeTo[index.outEdge[cursor]!]!;
        if (visited[next] === 0) {
          visited[next] = 1;
          stackNode.push(next);
          stackCursor.push(index.outStart[next]!);
        }
      } else {
        finishOrder.push(node);
        stackNode.pop();
        stackCursor.pop();
      }
    }
  }
  const component = new Int32Array(n).fill(-1);
  let count = 0;
  const queue: number[] = [];
  for (let k = finishOrder.length - 1; k >= 0; k--) {
    const root = finishOrder[k]!;
    if (component[root] !== -1) continue;
    component[root] = count;
    queue.length = 0;
    queue.push(root);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (let j = index.inStart[node]!; j < index.inStart[node + 1]!; j++) {
        const prev = index.edgeFrom[index.inEdge[j]!]!;
        if (component[prev] === -1) {
          component[prev] = count;
          queue.push(prev);
        }
      }
    }
    count++;
  }
  return component;
}

export function isStronglyConnected(graph: RoadGraph): boolean {
  if (graph.nodes.length === 0) return true;
  const component = stronglyConnectedComponents(graph);
  return component.every((c) => c === 0);
}

/** Ids of the nodes in the largest strongly connected component (the first one found on a tie). */
export function largestStronglyConnectedNodeIds(graph: RoadGraph): Set<string> {
  const component = stronglyConnectedComponents(graph);
  const sizes = new Map<number, number>();
  for (const c of component) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  let best = -1;
  let bestSize = 0;
  for (const [c, size] of sizes) {
    if (size > bestSize) {
      best = c;
      bestSize = size;
    }
  }
  const ids = new Set<string>();
  graph.nodes.forEach((node, i) => {
    if (component[i] === best) ids.add(node.id);
  });
  return ids;
}
