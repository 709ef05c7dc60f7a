/** The policy's scenario tests (tests/*.json), run in the page as `tiao test` runs them. */
import { useState } from "react";
import { useWords } from "../i18n.js";
import type { TestOutcome } from "../protocol.js";
import { publishedPolicy } from "../published.js";
import { store } from "../store.js";
import { usePage } from "../use-page.js";

export function TestsPanel() {
  const t = useWords();
  const compiled = usePage((state) => state.analysis?.program !== undefined);
  const [outcomes, setOutcomes] = useState<readonly TestOutcome[] | undefined>();
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    await store.settled();
    const answer = await store.compiler.request({ kind: "test", tests: publishedPolicy.tests }, 60_000).finally(() => setRunning(false));
    if (answer.kind === "test") setOutcomes(answer.outcomes);
  };
  const passed = outcomes?.filter((o) => o.passed).length ?? 0;
  return (
    <div className="tests-panel">
      <button type="button" onClick={() => void run()} disabled={running || !compiled}>
        {t("runTests")}
      </button>
      {outcomes === undefined ? null : (
        <>
          <p role="status" data-testid="test-summary">
            {passed} {t("passed")}, {outcomes.length - passed} {t("failed")}
          </p>
          <ul className="test-list">
            {outcomes.map((outcome) => (
              <li key={outcome.file} className={outcome.passed ? "pass" : "fail"}>
                <span aria-hidden="true">{outcome.passed ? "✓" : "✗"}</span> <span className="visually-hidden">{outcome.passed ? t("passed") : t("failed")}</span>
                {outcome.name}
                {outcome.passed ? null : (
                  <ul className="differences">
                    <li>
                      <code>{outcome.file}</code> {outcome.cites ?? ""}
                    </li>
                    {outcome.differences.map((difference, i) => (
                      <li key={i}>{difference}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
