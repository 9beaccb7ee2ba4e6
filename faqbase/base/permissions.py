"""Admin views' answer to an action the signed-in user may not take: a 403 that says why."""

import functools

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def denied_as_403(view):
    """Wagtail would turn the refusal into a redirect to the dashboard; a 403 page keeps the
    reason in view and the status honest for scripts and tests."""

    @functools.wraps(view)
    def checked_view(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            return TemplateResponse(
                request,
                "base/admin/permission_denied.html",
                {"reason": str(error) or _("You do not have permission to do this.")},
                status=403,
            )

    return checked_view
