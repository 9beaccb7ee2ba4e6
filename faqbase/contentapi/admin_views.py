"""The admin's page for content API tokens: each user their own, an administrator everyone's."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from faqbase.base.permissions import denied_as_403

from .models import APIToken
from .services import token_create, token_revoke


def tokens_shown_to(user):
    tokens = APIToken.objects.select_related("user")
    return tokens if user.is_superuser else tokens.filter(user=user)


@never_cache
@denied_as_403
def api_tokens(request):
    created = None
    if request.method == "POST":
        token, plain = token_create(
            user=request.user, name=request.POST.get("name", ""), acting_user=request.user
        )
        created = {"token": token, "plain": plain}
    context = {"tokens": tokens_shown_to(request.user), "created": created}
    response = TemplateResponse(request, "contentapi/admin/api_tokens.html", context)
    # The new token appears in this one response only; no cache may keep it.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@denied_as_403
def api_token_revoke(request, pk):
    token = get_object_or_404(tokens_shown_to(request.user), pk=pk)
    token_revoke(token=token, acting_user=request.user)
    return redirect("contentapi_tokens")
