"""Admin views for FAQs."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme

from .models import FAQPage
from .services import faq_mark_reviewed


def mark_reviewed(request, page_id):
    faq = get_object_or_404(FAQPage, pk=page_id)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    if request.method == "POST":
        faq_mark_reviewed(faq=faq, user=request.user)
        messages.success(request, f"“{faq.title}” marked as reviewed today.")
        return redirect(next_url or "wagtailadmin_pages:edit", *([] if next_url else [faq.pk]))
    return TemplateResponse(
        request, "knowledge/admin/mark_reviewed.html", {"faq": faq, "next": next_url}
    )
