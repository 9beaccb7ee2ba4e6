"""The demo knowledge base: a UK project-management careers FAQ."""

from pathlib import Path

DEMO_CONTENT_DIR = Path(__file__).resolve().parent / "content"
# The languages the demo is translated into, each a folder of the content (cy/).
DEMO_TRANSLATIONS = ("cy",)
