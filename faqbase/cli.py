"""The `faqbase` command: faqbase's own commands and every Django management command."""

import os
import sys

# Spellings with hyphens for commands whose Python modules cannot have them.
ALIASES = {
    "demo-traffic": "demo_traffic",
    "prune-query-log": "prune_query_log",
    "publish-static": "publish_static",
    "nginx-config": "nginx_config",
}


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faqbase.settings.dev")
    # Models load from installed packages only; never reach for a model hub at run time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from django.core.management import execute_from_command_line

    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments:
        arguments[0] = ALIASES.get(arguments[0], arguments[0])
    execute_from_command_line(["faqbase", *arguments])


if __name__ == "__main__":
    main()
