"""``python -m benchmarks.fit [--checkout PATH]``: the honest fit evaluation, on this
code or on the ``workshop`` package of another checkout (see README.md)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fit", description=__doc__)
    parser.add_argument("--checkout", help="a checkout whose workshop package is measured (default: this one)")
    parser.add_argument("--output", help="a Markdown file whose marked section is rewritten (default: print only)")
    parser.add_argument("--no-planted", action="store_true", help="skip the synthetic planted processes (the slowest part)")
    args = parser.parse_args(argv)
    commit = None
    if args.checkout:
        checkout = Path(args.checkout).resolve()
        # Before anything imports workshop: the measured package comes from the checkout,
        # the evaluation (this package and its data file) from here.
        sys.path.insert(0, str(checkout))
        commit = subprocess.run(["git", "-C", str(checkout), "log", "-1", "--format=%h %s"], capture_output=True, text=True).stdout.strip()[:80] or None
    from . import honest

    import workshop

    print(f"workshop from {Path(workshop.__file__).parent}", file=sys.stderr)
    section = honest.render(honest.run(planted=not args.no_planted), commit=commit)
    print(section)
    if args.output:
        honest.write(args.output, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
