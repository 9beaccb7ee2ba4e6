"""Write the README's screenshots: key pages and the editors' dashboard, on a phone and a desktop.

Run with `make screenshots`: it starts a fresh demo site, signs in to the admin, and writes
PNGs of what a visitor (or an editor) first sees into docs/screenshots/.
"""

import io
import tempfile
from pathlib import Path

from PIL import Image

from .site import CHROMIUM, CHROMIUM_ARGS, running_site, sign_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "topic": "/project-management/",
    "faq": "/project-management/what-is-the-difference-between-a-pmo-and-a-project-manager/",
    "search": "/search/?q=is+a+scrum+master+a+project+manager",
    "insights": "/admin/insights/",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
# A screenshot of a calm design has few colours; a palette keeps each file small.
PALETTE_COLOURS = 128


def save_small_png(png_bytes, path):
    image = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    image.quantize(PALETTE_COLOURS, dither=Image.Dither.NONE).save(path, optimize=True)


def take_screenshots(browser, site_url):
    for viewport_name, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport, reduced_motion="reduce")
        page = context.new_page()
        for name, path in PAGES.items():
            if path.startswith("/admin/"):
                sign_in(page, site_url)  # after the public pages: visitors see no user bar
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            target = SCREENSHOTS / f"{name}-{viewport_name}.png"
            save_small_png(page.screenshot(), target)
            print(f"{target.name}: {target.stat().st_size // 1024} KB")
        context.close()


def main():
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as var_dir, running_site(var_dir) as site_url:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            take_screenshots(browser, site_url)
            browser.close()


if __name__ == "__main__":
    main()
