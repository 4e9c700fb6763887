// <care-atlas> in Solid's JSX with every attribute and every event typed,
// after nothing but `import "care-atlas"`. Solid listens with `on:`.
import "care-atlas";
import type { CareAtlasElement } from "care-atlas";

export function Every() {
  let el: CareAtlasElement | undefined;
  return (
    <care-atlas
      ref={el}
      id="atlas"
      class="chart"
      measure="cla_rate"
      year={2025}
      level="la"
      focus="E12000001"
      highlight={["E06000047", "E08000021"]}
      selected="E06000047"
      view="map+trend"
      theme="auto"
      palette="viridis"
      classes="40,60,80,100"
      base-year={2015}
      summary="show"
      height={480}
      data-src="/figures.csv"
      data-label="Foster carers"
      data-unit="per 10,000 children"
      data-source="North East councils"
      url-sync
      on:care-atlas-ready={(e) => e.detail.year?.toFixed()}
      on:care-atlas-error={(e) => e.detail.message.toUpperCase()}
      on:care-atlas-select={(e) => e.detail.codes.join()}
      on:care-atlas-yearchange={(e) => e.detail.toFixed()}
    >
      <a href="https://example.org/figures">The figures</a>
    </care-atlas>
  );
}

export function Refused() {
  return (
    <>
      {/* @ts-expect-error: not a measure */}
      <care-atlas measure="cla_rat" />
      {/* @ts-expect-error: not a view */}
      <care-atlas view="sideways" />
      {/* @ts-expect-error: the select event's detail has codes, not a year */}
      <care-atlas on:care-atlas-select={(e) => e.detail.toFixed()} />
      {/* @ts-expect-error: no such attribute */}
      <care-atlas colour="red" />
    </>
  );
}
