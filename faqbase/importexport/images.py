"""Pictures brought in by an import, as Wagtail images: each file stored once, found again by
its content on the next import."""

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike


def image_stored(file, *, name, title, description="", user=None):
    """The Wagtail image holding the bytes of `file`, stored now if no image holds them yet."""
    image_model = get_image_model()
    image = image_model.objects.filter(file_hash=hash_filelike(file)).first()
    if image is None:
        file.seek(0)
        image = image_model(title=title, description=description, uploaded_by_user=user)
        image.file = ImageFile(file, name=name)
        image._set_image_file_metadata()  # the file hash that finds it on re-import
        image.save()
    return image
