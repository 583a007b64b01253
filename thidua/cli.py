"""The ``thidua`` console command: our own subcommands plus every Django management command.

thidua plan parse FILE [--json]      read a plan document (contract: plan-parse.schema.json)
thidua plan render FILE --out OUT    render a plan as a Decree 30 .docx or .pdf
thidua awards check FILE --json      eligibility (contract: eligibility.schema.json)
thidua demo                          load the Cẩm Giang demo (idempotent)
thidua <django command> ...          e.g. thidua migrate, thidua runserver
"""

import importlib
import os
import sys

# (words, module, function): subcommands that do not need the database.
DIRECT_COMMANDS = [
    (("plan", "parse"), "thidua.campaigns.reader", "cli_main"),
    (("plan", "render"), "thidua.campaigns.render_cli", "cli_main"),
    (("awards", "check"), "thidua.commendations.engine", "cli_main"),
]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    for words, module, function in DIRECT_COMMANDS:
        if tuple(args[: len(words)]) == words:
            handler = getattr(importlib.import_module(module), function)
            return int(handler(args[len(words) :]) or 0)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["thidua", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
