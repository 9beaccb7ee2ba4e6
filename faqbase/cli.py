"""The `faqbase` command: faqbase's own commands and every Django management command."""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faqbase.settings.dev")
    # Models load from installed packages only; never reach for a model hub at run time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["faqbase", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
