"""An editor's upload between the preview and their confirming it: kept in the database for its
uploader alone, planned from a private temporary copy, forgotten a day later."""

import datetime
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PendingImport
from .planning import import_check, import_plan
from .sources import SourceError
from .writing import import_apply

# An upload not confirmed within a day is forgotten with the next upload.
PENDING_IMPORT_KEPT = datetime.timedelta(days=1)


def pending_import_save(*, user, upload, format="", topic=""):
    """Keep an uploaded source for its preview and confirmation; too large a file is refused."""
    import_check(user=user)
    limit = settings.FAQBASE_IMPORT_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise UploadTooLarge(
            _("The file is larger than %(limit)d MB; import it with `faqbase import` instead.")
            % {"limit": settings.FAQBASE_IMPORT_MAX_UPLOAD_MB}
        )
    PendingImport.objects.filter(uploaded_at__lt=timezone.now() - PENDING_IMPORT_KEPT).delete()
    return PendingImport.objects.create(
        user=user,
        name=PurePosixPath(upload.name).name[:255] or "upload",
        data=upload.read(),
        format=format,
        topic=topic,
    )


def pending_import_get(*, pk, user):
    """The user's own pending import; another's, or a finished one, does not exist for them."""
    import_check(user=user)
    return get_object_or_404(PendingImport, pk=pk, user=user)


def pending_import_plan(*, pending, merge=()):
    """The plan for a pending upload, read from a private temporary copy of the file."""
    with tempfile.TemporaryDirectory(prefix="faqbase-import-") as folder:
        path = Path(folder) / pending.name
        path.write_bytes(pending.data)
        plan = import_plan(
            path=path,
            user=pending.user,
            format=pending.format or None,
            topic=pending.topic or None,
            merge=merge,
        )
    plan.source_name = pending.name
    return plan


@transaction.atomic
def pending_import_apply(*, pending, merge=()):
    plan = pending_import_plan(pending=pending, merge=merge)
    import_apply(plan=plan)
    pending.delete()
    return plan


class UploadTooLarge(SourceError):
    pass
