"""The editors' import page: upload a source, read the preview, choose merges, confirm."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from faqbase.base.permissions import denied_as_403
from faqbase.knowledge.models import TopicPage

from .folder import ContentError
from .formats import FORMAT_NAMES
from .planning import Action, import_check
from .uploads import (
    UploadTooLarge,
    pending_import_apply,
    pending_import_get,
    pending_import_plan,
    pending_import_save,
)


@denied_as_403
def import_upload(request):
    import_check(user=request.user)
    if request.method == "POST":
        upload = request.FILES.get("source")
        if upload is None:
            messages.error(request, _("Choose a file to import."))
        else:
            try:
                pending = pending_import_save(
                    user=request.user,
                    upload=upload,
                    format=choice(request.POST.get("format", ""), FORMAT_NAMES),
                    topic=request.POST.get("topic", "")[:255],
                )
                return redirect("importexport_preview", pending.pk)
            except UploadTooLarge as error:
                return upload_form(request, error=str(error), status=413)
    return upload_form(request)


def choice(value, choices):
    return value if value in choices else ""


def upload_form(request, error="", status=200):
    context = {
        "formats": FORMAT_NAMES.items(),
        "topics": TopicPage.objects.filter(locale=Locale.get_default()).order_by("title"),
        "error": error,
    }
    return TemplateResponse(request, "importexport/admin/upload.html", context, status=status)


@denied_as_403
def import_preview(request, pk):
    pending = pending_import_get(pk=pk, user=request.user)
    merge = request.POST.getlist("merge")
    try:
        if request.method == "POST":
            plan = pending_import_apply(pending=pending, merge=merge)
            summary = {"name": plan.source_name, "summary": plan.summary()}
            messages.success(request, _("Imported %(name)s: %(summary)s.") % summary)
            return redirect("importexport_upload")
        plan = pending_import_plan(pending=pending)
    except ContentError as error:
        pending.delete()
        return upload_form(request, error=str(error), status=400)
    context = {"plan": plan, "pending": pending, "Action": Action}
    return TemplateResponse(request, "importexport/admin/preview.html", context)
