// A server component: the figures in the fallback sentence come from the
// package's query API, run on the server (and at build time) in Node.
import { dataset } from "care-atlas";
import { Demo } from "./demo";

// Rendered on each request, on the server.
export const dynamic = "force-dynamic";

export default async function Page() {
  const data = await dataset();
  const ne = await data.value("cla_rate", "E12000001", 2025);
  const england = await data.value("cla_rate", "E92000001", 2025);
  return (
    <main>
      <h1>care-atlas in Next.js</h1>
      <Demo>
        <p>
          At 31 March {ne.year}, {ne.value} children per 10,000 were looked after in the {ne.areaName}, against{" "}
          {england.value} in England.{" "}
          <a href="https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions">
            Children looked after in England: the figures
          </a>
        </p>
      </Demo>
    </main>
  );
}
