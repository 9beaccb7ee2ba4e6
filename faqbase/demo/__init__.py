"""The demo knowledge base: a UK project-management careers FAQ."""

from pathlib import Path

DEMO_CONTENT_DIR = Path(__file__).resolve().parent / "content"
