// The page around the widget: state the tests change (a prop, mounting) and read (an event).
import { useState } from "react";
import { Atlas } from "./Atlas";

export function App() {
  const [shown, setShown] = useState(true);
  const [highlight, setHighlight] = useState(["E12000001"]);
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <main>
      <h1>care-atlas in React 19</h1>
      <p>
        <button id="more" onClick={() => setHighlight(["E12000001", "E12000002"])}>
          Highlight the North West too
        </button>{" "}
        <button id="toggle" onClick={() => setShown(!shown)}>
          {shown ? "Remove the atlas" : "Show the atlas"}
        </button>
      </p>
      <p>
        Selected: <output id="selected">{selected.join(", ") || "none"}</output>
      </p>
      {shown && <Atlas highlight={highlight} onSelect={setSelected} />}
    </main>
  );
}
