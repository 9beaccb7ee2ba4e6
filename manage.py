#!/usr/bin/env python
"""Django's manage.py, for those who prefer it to the `faqbase` command."""

from faqbase.cli import main

if __name__ == "__main__":
    main()
