"""Runs the benchmarks of product.md §9 and issue 6 side by side and prints one table of ratios;
with --write, also writes it to docs/benchmarks.md.

Usage: python3 scripts/bench/bench.py BIN_DIR WORK_DIR [--write DOCS_FILE] [--only NAME,NAME]
(scripts/bench.sh builds the release binaries and calls this).
"""

import argparse
import datetime
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import memory  # noqa: E402
import scale  # noqa: E402
import scan  # noqa: E402
import scheduling  # noqa: E402
import transfer  # noqa: E402
import validation  # noqa: E402
from common import Binaries, Row, log, machine_line  # noqa: E402
from report import markdown, table  # noqa: E402

SECTIONS = [
    ("transfer", transfer.run),
    ("memory", memory.run),
    ("scheduling", scheduling.run),
    ("scale", scale.run),
    ("scan", scan.run),
    ("validation", validation.run),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("work_dir")
    parser.add_argument("--write", help="also write the table to this Markdown file")
    parser.add_argument("--only", help="comma-separated sections: " + ",".join(name for name, _ in SECTIONS))
    arguments = parser.parse_args()
    binaries = Binaries(veobatch=os.path.join(arguments.bin_dir, "veobatch"), rh_sim=os.path.join(arguments.bin_dir, "rh-sim"))
    wanted = set(arguments.only.split(",")) if arguments.only else {name for name, _ in SECTIONS}
    machine = machine_line()
    started = datetime.datetime.now().astimezone()
    rows = []
    for name, run in SECTIONS:
        if name not in wanted:
            continue
        log(f"== {name}")
        try:
            rows += run(binaries, arguments.work_dir)
        except Exception as error:  # one broken section must not hide the others' figures
            traceback.print_exc()
            rows.append(Row(bar=name, measure=f"{name} benchmark failed", ours="-", reference="-", ratio=None,
                            target="-", passed=False, notes=[str(error).splitlines()[0]]))
    finished = datetime.datetime.now().astimezone()
    print(table(rows, machine, started, finished))
    if arguments.write:
        with open(arguments.write, "w") as handle:
            handle.write(markdown(rows, machine, started, finished))
        log(f"wrote {arguments.write}")
    return 0 if all(row.passed is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
