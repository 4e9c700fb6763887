// A TypeScript project with no UI framework: the package's typings add
// nothing it must have (skipLibCheck is off, and the frameworks' modules
// cannot be found, so their augmentations stand alone).
import { dataset, mount, type CareAtlasOptions, type MeasureId } from "care-atlas";

const options: CareAtlasOptions = { measure: "cin_rate", level: "la", focusRegion: "E12000001", highlight: ["E06000047"], urlSync: true };
const measure: MeasureId = "ofsted_overall";

export async function figures(): Promise<number | null> {
  const data = await dataset();
  await data.loadMeasure(measure);
  return (await data.value(measure, "E12000001", 2025)).value;
}

export function show(container: HTMLElement) {
  const atlas = mount(container, { ...options, on: { select: (e) => console.log(e.detail) } });
  atlas.element.baseYear = 2015;
  atlas.element.highlight = ["E12000001", "E12000002"];
  atlas.update({ view: "table" });
  const onYear = (e: CustomEvent<number>) => console.log(e.detail + 1);
  atlas.element.addEventListener("care-atlas-yearchange", onYear);
  atlas.element.removeEventListener("care-atlas-yearchange", onYear);
  return atlas;
}

// @ts-expect-error: not a level
export const bad: CareAtlasOptions = { level: "district" };
