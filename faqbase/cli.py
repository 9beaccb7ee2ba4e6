"""The `faqbase` command: faqbase's own commands and every Django management command."""

import os
import sys

# Spellings with hyphens for commands whose Python modules cannot have them.
ALIASES = {
    "api-token": "api_token",
    "deliver-webhooks": "deliver_webhooks",
    "demo-traffic": "demo_traffic",
    "prune-query-log": "prune_query_log",
    "publish-static": "publish_static",
    "nginx-config": "nginx_config",
}


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faqbase.settings.dev")
    # Models load from installed packages only; never reach for a model hub at run time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from environs import EnvError

    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments:
        arguments[0] = ALIASES.get(arguments[0], arguments[0])
    try:
        execute_from_command_line(["faqbase", *arguments])
    except (EnvError, ImproperlyConfigured) as error:
        # A setting the operator must correct: say which, without a traceback.
        sys.stderr.write(f"faqbase cannot start: {plain(error)}\n")
        sys.exit(2)


def plain(error):
    """The error's message, a validator's list of messages written out as a sentence
    (environs quotes it as a Python list: `invalid: ['expected …']`)."""
    messages = getattr(error, "error_messages", None)
    message = str(error)
    if isinstance(messages, list) and message.endswith(str(messages)):
        return message[: -len(str(messages))] + "; ".join(messages)
    return message


if __name__ == "__main__":
    main()
