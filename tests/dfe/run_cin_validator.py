"""Run the DfE's own CIN census validator (`csc-validator-be-cin`) on one XML file and print
what it found as JSON: `{"children": [[LA child ID, rule code], ...], "return": [rule code,
...], "crashed": [the validator's words for each rule that failed to run]}`.

Run with the validator's own virtual environment (`make .venv-dfe`), never CADS's: it pins
an old pandas that needs numpy below 2 (ADR 0029). It imports nothing of CADS.

    .venv-dfe/bin/python tests/dfe/run_cin_validator.py census.xml [--ruleset cin2026_27]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import sys
import warnings
import xml.etree.ElementTree as ET


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("xml")
    parser.add_argument("--ruleset", default="cin2026_27")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # pandas' FutureWarnings, not the validator's findings
    validator = importlib.import_module("cin_validator.cin_validator")
    rules = importlib.import_module(f"cin_validator.rules.{args.ruleset}").registry
    root = ET.parse(args.xml).getroot()  # noqa: S314 - a file this test wrote
    tables = validator.process_data(validator.convert_data(root))
    said = io.StringIO()
    with contextlib.redirect_stdout(said):  # it prints a rule that crashed, and carries on
        found = validator.CinValidator(tables, rules)
    issues = found.full_issue_df
    children = sorted(
        {
            (str(child), str(code))
            for child, code in zip(issues["child_id"], issues["rule_code"], strict=True)
        }
    )
    la_level = sorted({str(code) for code in found.multichild_issues["rule_code"]})
    crashed = [line for line in said.getvalue().splitlines() if line.startswith("Error with")]
    json.dump({"children": children, "return": la_level, "crashed": crashed}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
