"""Reading settings from the environment: each variable parsed once, a bad value refused by name.

environs (marshmallow's fields) does the parsing; a value it cannot read stops start-up with
`Environment variable "NAME" invalid: …`, which `faqbase` prints as one line.
"""

from environs import Env, validate

env = Env(eager=True)

# django-ratelimit's rates: a count, a slash, then a period of s, m, h or d ("120/m", "5/10m").
RATE = validate.Regexp(
    r"^\d+/\d*[smhd]$", error="expected a rate such as 120/m: a number, '/', then s, m, h or d"
)
AT_LEAST_ONE = validate.Range(min=1, error="expected a whole number of at least 1")
NOT_NEGATIVE = validate.Range(min=0, error="expected a number of at least 0")
SIMILARITY = validate.Range(min=0, max=1, error="expected a similarity between 0 and 1")
SITE_ADDRESS = validate.URL(
    require_tld=False,
    schemes={"http", "https"},
    error="expected an address such as https://faq.example.org",
)

REDIS_ADDRESS = validate.Regexp(
    r"^$|^(rediss?|unix)://\S+$",
    error="expected an address such as redis://127.0.0.1:6379/0, or nothing",
)


def env_list(name, default=""):
    """A comma-separated list, each item stripped, empty items dropped."""
    return [item.strip() for item in env.str(name, default).split(",") if item.strip()]


def env_optional(name):
    """A value the operator may give (a folder, a model's path); None when unset or empty."""
    return env.str(name, "") or None
