"""The script that drew the demo's cover images still draws a valid image for every cover."""

import importlib.util
from pathlib import Path

from PIL import Image

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "demo_artwork.py"
IMAGES = Path(__file__).resolve().parents[2] / "faqbase" / "demo" / "content" / "images"


def artwork():
    spec = importlib.util.spec_from_file_location("demo_artwork", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_cover_is_drawn_as_a_palette_png_of_the_shipped_size(tmp_path):
    module = artwork()
    written = module.write_covers(tmp_path)
    assert {path.stem for path in written} == set(module.COVERS)
    for path in written:
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            assert image.format == "PNG" and image.mode == "P"
            assert image.size == (module.WIDTH, module.HEIGHT)
            assert len(set(image.getdata())) > 2  # a drawing, not a blank canvas
        assert (IMAGES / path.name).is_file(), f"{path.name} is drawn but not shipped"
