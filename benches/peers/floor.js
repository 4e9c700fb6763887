// The floor: what painting this map costs with no library at all. The same TopoJSON and figures as
// the peers, decoded here by hand (quantised, delta-encoded arcs) straight into projected flat
// arrays (spherical Mercator, fitted to the box), one Path2D per authority made once, then filled and stroked on one
// canvas in one pass. A linear two-colour ramp over every year's range; grey where there is no
// figure. Hover: the area under the pointer by its bounding box, then isPointInPath, outlined on
// a second canvas above the map, named in a tooltip div.
// setYear: the same paths refilled with the year's figures. No legend, controls or trend chart:
// this is a lower bound for drawing the map, not a product.
import { loadData, fmt, valueIn, allYears, yearControl } from "./common.js";

const { topo, values } = await loadData();
const [W, H] = [560, 600];
const dpr = window.devicePixelRatio || 1;

// Arcs straight from the quantised deltas to projected x, y (spherical Mercator, y down) in flat
// arrays, in one pass that also finds the bounds; then fitted to the box.
const [sx, sy] = topo.transform?.scale ?? [1, 1];
const [tx, ty] = topo.transform?.translate ?? [0, 0];
const quantised = !!topo.transform;
const rad = Math.PI / 180;
let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
const projected = topo.arcs.map((arc) => {
  const out = new Float64Array(arc.length * 2);
  let qx = 0;
  let qy = 0;
  for (let i = 0; i < arc.length; i++) {
    let lon = arc[i][0];
    let lat = arc[i][1];
    if (quantised) {
      qx += lon;
      qy += lat;
      lon = qx * sx + tx;
      lat = qy * sy + ty;
    }
    const x = lon * rad;
    const y = -Math.log(Math.tan(Math.PI / 4 + (lat * rad) / 2));
    out[2 * i] = x;
    out[2 * i + 1] = y;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return out;
});
const k = Math.min(W / (x1 - x0), H / (y1 - y0));
const ox = (W - k * (x1 - x0)) / 2 - k * x0;
const oy = (H - k * (y1 - y0)) / 2 - k * y0;

/** A ring of arc indices (~i is arc i reversed) into the path, growing the box. */
function ring(path, indices, box) {
  let first = true;
  for (const i of indices) {
    const arc = projected[i < 0 ? ~i : i];
    const n = arc.length / 2;
    for (let j = 0; j < n; j++) {
      const at = i < 0 ? n - 1 - j : j;
      const px = ox + k * arc[2 * at];
      const py = oy + k * arc[2 * at + 1];
      if (px < box[0]) box[0] = px;
      if (py < box[1]) box[1] = py;
      if (px > box[2]) box[2] = px;
      if (py > box[3]) box[3] = py;
      if (first) path.moveTo(px, py);
      else path.lineTo(px, py);
      first = false;
    }
  }
  path.closePath();
}

const byCode = new Map(values.areas.map((a) => [a.code, a]));
const areas = topo.objects.utla.geometries.map((g) => {
  const path = new Path2D();
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
  for (const polygon of polygons) for (const r of polygon) ring(path, r, box);
  return { path, box, code: g.properties.areacd, name: g.properties.areanm, figures: byCode.get(g.properties.areacd) };
});

// #eff3ff → #08519c, linear in RGB over every year's range.
const [lo, hi] = allYears(values);
const from = [0xef, 0xf3, 0xff];
const to = [0x08, 0x51, 0x9c];
const colour = (v) => {
  if (v === null) return "#ccc";
  const t = hi > lo ? (v - lo) / (hi - lo) : 0;
  return `rgb(${from.map((c, i) => Math.round(c + t * (to[i] - c))).join(",")})`;
};

const box = document.getElementById("map");
const canvas = document.createElement("canvas");
canvas.width = W * dpr;
canvas.height = H * dpr;
canvas.style.cssText = `width:${W}px;height:${H}px;display:block`;
const over = document.createElement("canvas");
over.width = W * dpr;
over.height = H * dpr;
over.style.cssText = `position:absolute;left:0;top:0;width:${W}px;height:${H}px;pointer-events:none`;
const tip = document.createElement("div");
tip.className = "tip";
tip.style.cssText = "position:absolute;pointer-events:none;background:#fff;border:1px solid #999;padding:2px 6px;visibility:hidden";
box.append(canvas, over, tip);
const ctx = canvas.getContext("2d");
const octx = over.getContext("2d");

let year = values.year;
let hovered = null;
function draw() {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, W, H);
  ctx.lineWidth = 0.5;
  ctx.strokeStyle = "#fff";
  for (const a of areas) {
    ctx.fillStyle = colour(valueIn(values, a.figures, year));
    ctx.fill(a.path, "evenodd");
    ctx.stroke(a.path);
  }
}
function outline() {
  octx.setTransform(dpr, 0, 0, dpr, 0, 0);
  octx.clearRect(0, 0, W, H);
  if (hovered) {
    octx.lineWidth = 1.5;
    octx.strokeStyle = "#111";
    octx.stroke(hovered.path);
  }
}
draw();

canvas.addEventListener("pointermove", (e) => {
  const [x, y] = [e.offsetX, e.offsetY];
  const inBox = (b) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
  const hit = areas.find((a) => inBox(a.box) && ctx.isPointInPath(a.path, x * dpr, y * dpr, "evenodd")) ?? null;
  if (hit !== hovered) {
    hovered = hit;
    outline();
  }
  if (hit) {
    tip.textContent = `${hit.name}: ${fmt(valueIn(values, hit.figures, year))}`;
    tip.style.left = `${e.offsetX + 12}px`;
    tip.style.top = `${e.offsetY + 12}px`;
    tip.style.visibility = "visible";
  } else tip.style.visibility = "hidden";
});
canvas.addEventListener("pointerleave", () => {
  hovered = null;
  tip.style.visibility = "hidden";
  outline();
});
yearControl((y) => {
  year = y;
  draw();
});
