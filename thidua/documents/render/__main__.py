"""Render a plan (or its registration summary) for a visual check or a benchmark.

    python -m thidua.documents.render plan OUT.docx|OUT.pdf [--json PLAN.json]
    python -m thidua.documents.render registration OUT.pdf [--json PLAN.json] [--annex]

Without ``--json`` the bundled Cẩm Giang sample is used. ``PLAN.json`` is ``thidua plan parse --json``
output (optionally with the structured text fields ``plan_spec`` accepts). Prints the timings.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import RenderError, plan_spec, registration_summary_spec, render_docx, render_pdf
from .samples import cam_giang_plan, cam_giang_registrations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m thidua.documents.render", description=__doc__.splitlines()[0]
    )
    parser.add_argument("document", choices=["plan", "registration"])
    parser.add_argument("out", type=Path, help="output file, .docx or .pdf")
    parser.add_argument(
        "--json", type=Path, help="plan data (plan-parse JSON); default: the Cẩm Giang sample"
    )
    parser.add_argument("--annex", action="store_true", help="registration list as a landscape annex")
    args = parser.parse_args(argv)
    if args.out.suffix.lower() not in {".docx", ".pdf"}:
        parser.error("OUT must end in .docx or .pdf")

    plan = json.loads(args.json.read_text(encoding="utf-8")) if args.json else cam_giang_plan()
    start = time.perf_counter()
    if args.document == "plan":
        spec = plan_spec(plan)
    else:
        spec = registration_summary_spec(plan, cam_giang_registrations(), as_annex=args.annex)
    data = render_docx(spec)
    docx_seconds = time.perf_counter() - start
    timings = f"docx {docx_seconds:.3f} s"
    if args.out.suffix.lower() == ".pdf":
        start = time.perf_counter()
        try:
            data = render_pdf(data)
        except RenderError as error:
            print(error, file=sys.stderr)
            return 2
        timings += f", pdf {time.perf_counter() - start:.3f} s"
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data)} bytes ({timings})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
