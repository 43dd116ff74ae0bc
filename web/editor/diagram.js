// The Schema panel's diagram layout: dagre (@dagrejs/dagre, pinned in the
// lockfile) places the tables and routes the foreign-key edges; the wasm
// draws the result as SVG itself, so no user text ever goes through markup.
//
// Bundled on its own (build.mjs) and loaded when the page first draws a
// diagram (`RetortPage.loadDiagram` in page.js). Defines
// `globalThis.RetortDiagram.layout(graph)`:
//   graph  = { nodes: [{ id, width, height }], edges: [{ from, to }] }
//   result = { width, height, nodes: [{ id, x, y }] (top-left corners),
//              edges: [{ from, to, points: [x0, y0, x1, y1, ...] }] }
import dagre from '@dagrejs/dagre';

const MARGIN = 16;

function layout(input) {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 28, ranksep: 64, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of input.nodes) {
    graph.setNode(node.id, { width: node.width, height: node.height });
  }
  input.edges.forEach((edge, i) => {
    // A self-reference (a tree's parent_id) is drawn by the wasm as a loop.
    if (edge.from !== edge.to && graph.hasNode(edge.from) && graph.hasNode(edge.to)) {
      graph.setEdge(edge.from, edge.to, {}, `e${i}`);
    }
  });
  dagre.layout(graph);
  const nodes = graph.nodes().map((id) => {
    const n = graph.node(id);
    return { id, x: n.x - n.width / 2, y: n.y - n.height / 2 };
  });
  const edges = graph.edges().map((e) => ({
    from: e.v,
    to: e.w,
    points: graph.edge(e).points.flatMap((p) => [p.x, p.y]),
  }));
  const { width, height } = graph.graph();
  return { width, height, nodes, edges };
}

globalThis.RetortDiagram = { layout };
